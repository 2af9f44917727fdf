import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { runMigrations } from '@cairn/database';
import { spawnApi, ApiProcess } from './utils/api-process';
import { createSurvey } from './utils/distribution-fixtures';
import { EventLoad } from './utils/event-load';
import { OwnPostgres } from './utils/own-postgres';
import { SmtpSink } from './utils/smtp-sink';
import { TestContext, testConfig } from './utils/test-app';
import { waitFor } from './utils/test-worker';
import { spawnWorker, WorkerProcess } from './utils/worker-process';

// A Postgres of this test's own: restarting the machine's would hit every other test running now.
describe('a Postgres restart under load', () => {
  let pg: OwnPostgres;
  let sink: SmtpSink;
  let api: ApiProcess;
  let worker: WorkerProcess;
  const apiKey = `cairn_test_${randomBytes(16).toString('hex')}`;

  beforeAll(async () => {
    pg = await OwnPostgres.start();
    const databaseUrl = await pg.createDatabase('cairn');
    await runMigrations(databaseUrl);
    sink = await new SmtpSink().start();
    const config = testConfig(databaseUrl, { smtpUrl: sink.url });
    // Booted side by side (as the fuzzer's stack is): neither waits for the other.
    const [apiStart, workerStart] = await Promise.allSettled([
      spawnApi({
        DATABASE_URL: databaseUrl,
        REDIS_URL: config.redisUrl,
        REDIS_PREFIX: config.redisPrefix,
        CAIRN_BOOTSTRAP_API_KEY: apiKey,
      }),
      // A send cut by the restart is taken over once its claim and lock lapse: 10 s, not the product's 30 s.
      spawnWorker(config, { JOB_LOCK_MS: '10000' }),
    ]);
    if (apiStart.status === 'fulfilled') api = apiStart.value;
    if (workerStart.status === 'fulfilled') worker = workerStart.value;
    // A failed start is thrown once both settled, so afterAll stops the one that did start.
    for (const start of [apiStart, workerStart]) if (start.status === 'rejected') throw start.reason;
  }, 120_000);
  afterAll(async () => {
    for (const child of [api?.child, worker?.child])
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await sink?.close();
    await pg?.stop();
  });

  it('API and worker stay up, and every invitation accepted before, during and after gets exactly one email', async () => {
    const ctx = { api: (method, path) => request(api.url)[method](path).set('Authorization', `Bearer ${apiKey}`) } as TestContext;
    await createSurvey(ctx, { event: 'order.delivered', throttleDays: 0 });
    const load = new EventLoad({ apis: () => [api.url], apiKey, type: 'order.delivered', perSecond: 8 });
    load.start();
    await waitFor(() => sink.mails.length >= 15, 60_000, 'mails before the restart');

    await pg.restart();
    const acceptedBeforeReturn = load.invitationIds.length;
    const mailsBeforeReturn = sink.mails.length;
    // After the return both processes go on by themselves: new events accepted, new mails sent.
    await waitFor(() => load.invitationIds.length >= acceptedBeforeReturn + 15, 60_000, 'events accepted after the restart');
    await waitFor(() => sink.mails.length >= mailsBeforeReturn + 15, 60_000, 'mails sent after the restart');
    await load.stop();

    const ids = load.invitationIds;
    await waitFor(
      async () => {
        const { rows } = await pg.query(`SELECT count(*)::int AS n FROM invitations WHERE status = 'sent'`, [], 'cairn');
        return rows[0].n === ids.length;
      },
      90_000,
      'every invitation to be sent',
    );
    const counts = sink.countByMessageId();
    expect([...counts].filter(([, n]) => n > 1)).toEqual([]);
    expect(new Set(counts.keys())).toEqual(new Set(ids.map((id) => `<${id}@localhost>`)));
    // While Postgres was away the API said "retry later" (503), never that it broke (500).
    expect(load.refused.get('500')).toBeUndefined();
    expect(api.child.exitCode).toBeNull();
    expect(worker.child.exitCode).toBeNull();
    process.stdout.write(`accepted ${ids.length} events; refused meanwhile: ${JSON.stringify(Object.fromEntries(load.refused))}\n`);
  }, 240_000);
});
