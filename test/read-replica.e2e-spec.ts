import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApiApp } from '../apps/api/src/create-api-app';
import { PrismaService, ReadRouter, runMigrations } from '@cairn/database';
import { WorkspaceRepository } from '@cairn/workspace';
import { seedInvitation } from './answering.fixtures';
import { OwnPostgres } from './utils/own-postgres';
import { deleteRedisPrefix } from './utils/redis-prefix';
import { testConfig, TestContext } from './utils/test-app';
import { waitFor } from './utils/test-worker';

/** The last statement of each session on the replica (pg_stat_activity keeps it while the session idles in the pool). */
async function replicaStatements(replica: OwnPostgres): Promise<string[]> {
  const { rows } = await replica.query(
    `SELECT query FROM pg_stat_activity WHERE datname = 'cairn' AND pid <> pg_backend_pid()`,
    [],
    'cairn',
  );
  return rows.map((row: { query: string }) => row.query);
}

describe('reads from a streaming replica (DATABASE_READ_URL)', () => {
  let primary: OwnPostgres;
  let replica: OwnPostgres;
  let ctx: TestContext;

  beforeAll(async () => {
    primary = await OwnPostgres.start();
    const url = await primary.createDatabase('cairn');
    // Own servers run with synchronous_commit off for speed; production's default is on, and so is Cairn's database here.
    await primary.query('ALTER DATABASE cairn SET synchronous_commit = on');
    await runMigrations(url);
    replica = await OwnPostgres.startReplica(primary);
    const config = testConfig(url, { databaseReadUrl: replica.url('cairn'), databaseReadWaitMs: 100 });
    const app: NestFastifyApplication = await createApiApp({ config });
    const workspace = await app.get(WorkspaceRepository).findBySlug('default');
    const http = () => request(app.getHttpServer());
    ctx = {
      app,
      config,
      prisma: app.get(PrismaService),
      apiKey: config.bootstrapApiKey!,
      workspaceId: workspace!.id,
      http,
      api: (method, path, key = config.bootstrapApiKey!) => http()[method](path).set('Authorization', `Bearer ${key}`),
      createWorkspace: () => Promise.reject(new Error('not used here')),
      close: async () => {
        await app.close();
        await deleteRedisPrefix(config, config.redisPrefix);
      },
    };
  });
  afterAll(async () => {
    await ctx?.close();
    await replica?.stop();
    await primary?.stop();
  });

  const router = () => ctx.app.get(ReadRouter);

  it('serves scores, the journey map and the response list from the replica once it has caught up', async () => {
    const seed = await seedInvitation(ctx);
    await ctx.http().post(`/r/${seed.responseToken}`).send({ score: 9 }).expect(201);
    const before = { routed: router().routed() };

    const scores = await ctx.api('get', `/api/v1/scores?touchpointId=${seed.touchpoint.id}&metric=nps`).expect(200);
    expect(scores.body).toMatchObject({ n: 1, promoters: 1 });
    const beforeMap = router().routed();
    const map = await ctx.api('get', `/api/v1/journeys/${seed.journey.id}/map`).expect(200);
    expect(map.body.stages[0].touchpoints[0]).toMatchObject({ id: seed.touchpoint.id });
    // The map's reads begin together and share looks at the primary's position: fewer looks than reads.
    const afterMap = router().routed();
    expect(afterMap.looks - beforeMap.looks).toBeGreaterThanOrEqual(1);
    expect(afterMap.replica - beforeMap.replica).toBeGreaterThan(afterMap.looks - beforeMap.looks);
    const list = await ctx.api('get', `/api/v1/responses?touchpointId=${seed.touchpoint.id}`).expect(200);
    expect(list.body.data.map((r: { score: number }) => r.score)).toEqual([9]);

    const after = router().routed();
    expect(after.replica - before.routed.replica).toBeGreaterThanOrEqual(3);
    expect(after.primary - before.routed.primary).toBe(0);
    // The replica itself ran them, not only the router says so: its sessions' last statements are these reads.
    const statements = await replicaStatements(replica);
    expect(statements.filter((sql) => /score_rollup|"responses"|comment_analyses|"people"/.test(sql)).length).toBeGreaterThan(0);
  });

  it('never shows a person an answer missing because the replica lags: the read goes to the primary', async () => {
    const seed = await seedInvitation(ctx);
    await replica.query('SELECT pg_wal_replay_pause()');
    try {
      await waitFor(
        async () => (await replica.query('SELECT pg_get_wal_replay_pause_state() AS s')).rows[0].s === 'paused',
        10_000,
        'replay paused',
      );
      await ctx.http().post(`/r/${seed.responseToken}`).send({ score: 3 }).expect(201);
      const before = router().routed();

      const scores = await ctx.api('get', `/api/v1/scores?touchpointId=${seed.touchpoint.id}&metric=nps`).expect(200);
      expect(scores.body).toMatchObject({ n: 1, detractors: 1 });
      const list = await ctx.api('get', `/api/v1/responses?touchpointId=${seed.touchpoint.id}`).expect(200);
      expect(list.body.data.map((r: { score: number }) => r.score)).toEqual([3]);

      const after = router().routed();
      expect(after.replica - before.replica).toBe(0);
      expect(after.primary - before.primary).toBeGreaterThanOrEqual(2);
      // The replica really is behind: it has not seen the answer.
      const { rows } = await replica.query(
        'SELECT count(*)::int AS n FROM responses WHERE invitation_id = $1',
        [seed.invitation.id],
        'cairn',
      );
      expect(rows[0].n).toBe(0);
    } finally {
      await replica.query('SELECT pg_wal_replay_resume()');
    }
    // Caught up again, reads return to the replica.
    const resumed = router().routed().replica;
    await waitFor(
      async () => {
        await ctx.api('get', `/api/v1/scores?touchpointId=${seed.touchpoint.id}&metric=nps`).expect(200);
        return router().routed().replica > resumed;
      },
      10_000,
      'reads back on the replica',
    );
  });

  it('reads from the primary while the replica is down, and says nothing is wrong to the user', async () => {
    const seed = await seedInvitation(ctx);
    await ctx.http().post(`/r/${seed.responseToken}`).send({ score: 7 }).expect(201);
    await replica.stopServer();
    try {
      const before = router().routed();
      const scores = await ctx.api('get', `/api/v1/scores?touchpointId=${seed.touchpoint.id}&metric=nps`).expect(200);
      expect(scores.body).toMatchObject({ n: 1, passives: 1 });
      expect(router().routed().primary).toBeGreaterThan(before.primary);
    } finally {
      await replica.startServer();
    }
  });
});
