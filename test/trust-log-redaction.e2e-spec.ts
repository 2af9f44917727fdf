import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createPgPool, PrismaService } from '@cairn/database';
import { findTracesInPostgres, findTracesInRedis } from './utils/trace-scan';
import { ApiProcess, spawnApi } from './utils/api-process';
import { SmtpSink } from './utils/smtp-sink';
import { testConfig } from './utils/test-app';
import { createTestDatabase } from './utils/test-database';
import { waitFor } from './utils/test-worker';
import { spawnWorker, WorkerProcess } from './utils/worker-process';
import { testRedisPrefix } from './utils/redis-prefix';

// Issue 22, point 7: link tokens and recipient addresses never reach the logs
// (request URLs, job failures), BullMQ's failure records or error columns.
// Real processes at LOG_LEVEL debug; this test reads their output because the
// logs are its subject.
const tag = randomBytes(3).toString('hex');
const OK = `Ola.Okay+${tag}@Example.com`;
const BUSY = `busy.bea-${tag}@example.com`;
const GONE = `gone.gus-${tag}@example.com`;

describe('no tokens or addresses in logs, job records and error columns', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sink: SmtpSink;
  let api: ApiProcess;
  let worker: WorkerProcess;
  let prisma: PrismaService;
  let redis: Redis;
  const config = { prefix: testRedisPrefix(), key: `cairn_test_${randomBytes(16).toString('hex')}` };
  const call = (method: 'get' | 'post' | 'delete', path: string) =>
    request(api.url)[method](path).set('Authorization', `Bearer ${config.key}`);

  beforeAll(async () => {
    db = await createTestDatabase();
    sink = await new SmtpSink().start();
    const base = testConfig(db.url, { redisPrefix: config.prefix, smtpUrl: sink.url });
    api = await spawnApi({
      DATABASE_URL: db.url,
      REDIS_URL: base.redisUrl,
      REDIS_PREFIX: config.prefix,
      CAIRN_BOOTSTRAP_API_KEY: config.key,
      CAIRN_ADMIN_PASSWORD: 'correct horse battery',
      SMTP_URL: sink.url,
      LOG_LEVEL: 'debug',
    });
    worker = await spawnWorker({ ...base, publicBaseUrl: api.url }, { LOG_LEVEL: 'debug' });
    prisma = new PrismaService(createPgPool(base.databaseUrl, 2, 'trust-log-redaction'));
    redis = new Redis(base.redisUrl);
  });

  afterAll(async () => {
    for (const child of [worker?.child, api?.child]) child?.kill('SIGTERM');
    await Promise.all([worker?.exited, api?.exited]);
    await prisma?.onModuleDestroy();
    const keys = await redis.keys(`${config.prefix}:*`);
    if (keys.length) await redis.unlink(...keys);
    redis?.disconnect();
    await sink?.close();
    await db?.drop();
  });

  async function invite(email: string): Promise<string> {
    const res = await call('post', '/api/v1/events')
      .send({ type: 'order.delivered', person: { email, name: 'Logged Person' } })
      .expect(202);
    return res.body.invitations[0].id;
  }
  const invitation = (id: string) => prisma.invitation.findUniqueOrThrow({ where: { id } });

  it('answers, unsubscribes, a 451 then a 550 quoting the address: none of it leaks', async () => {
    const journey = (
      await call('post', '/api/v1/journeys')
        .send({ name: 'Logs', stages: [{ name: 'Delivery' }] })
        .expect(201)
    ).body;
    const tp = (
      await call('post', '/api/v1/touchpoints')
        .send({ stageId: journey.stages[0].id, name: 'Door', key: `door-${tag}`, channel: 'delivery' })
        .expect(201)
    ).body;
    await call('post', '/api/v1/surveys')
      .send({ touchpointId: tp.id, metric: 'nps', trigger: { event: 'order.delivered', delaySeconds: 0 }, throttleDays: 0 })
      .expect(201);

    // A temporary refusal quoting the address: the job fails once (BullMQ keeps why), then the retry is accepted.
    sink.failNext(451, `4.2.2 <${BUSY}>: mailbox full, try later`);
    const busy = await invite(BUSY);
    await waitFor(async () => (await invitation(busy)).status === 'sent', 30_000, 'the retried send');
    sink.unknownRecipients.add(GONE);
    const gone = await invite(GONE);
    await waitFor(async () => (await invitation(gone)).status === 'failed', 30_000, 'the bounce');
    await invite(OK);
    const mail = await waitFor(() => sink.mails.find((m) => m.to === OK.toLowerCase()), 30_000, 'the survey email');

    const answerToken = /\/r\/([A-Za-z0-9_-]{20,})\?score=/.exec(mail.text)![1];
    const unsubscribeToken = /\/u\/([A-Za-z0-9_-]{20,})/.exec(mail.rawHeaders['list-unsubscribe'])![1];
    await request(api.url).get(`/r/${answerToken}?score=3`).expect(200);
    await request(api.url).post(`/r/${answerToken}`).set('Accept', 'application/json').send({ score: 3, comment: 'slow' }).expect(201);
    await request(api.url).get(`/r/${answerToken}/nowhere`).expect(404);
    await request(api.url).get(`/u/${unsubscribeToken}`).expect(200);
    await request(api.url).post(`/u/${unsubscribeToken}`).expect(200);
    await call('get', `/api/v1/people?email=${encodeURIComponent(OK)}`).expect(200);
    await request(api.url)
      .delete(`/compat/delighted/v1/people/${encodeURIComponent(GONE)}/survey_requests/pending`)
      .auth(config.key, '')
      .expect(200);

    // What each place holds is there to be searched: the scans below are not vacuous.
    const logs = () => api.output() + worker.output();
    await waitFor(() => logs().includes('"url":"/u/') && /job send-invitation \S+ failed/.test(logs()), 15_000, 'the log lines');
    expect(logs()).toContain('/r/[redacted]?score=3');
    expect(logs()).toContain('/u/[redacted]');
    expect(logs()).toContain('451');
    const busyJob = await redis.hgetall(`${config.prefix}:email:${busy}`);
    expect(busyJob.failedReason).toContain('451');
    expect(busyJob.stacktrace).toContain('451');
    expect((await invitation(busy)).lastError).toContain('451');
    expect(await invitation(gone)).toMatchObject({ reason: 'bounced', lastError: expect.stringContaining('550') });

    const secrets = [
      answerToken,
      unsubscribeToken,
      ...[OK, BUSY, GONE].flatMap((a) => [a, a.toLowerCase(), encodeURIComponent(a), a.split('@')[0]]),
    ];
    for (const secret of secrets) {
      expect({ secret, inLogs: logs().toLowerCase().includes(secret.toLowerCase()) }).toEqual({ secret, inLogs: false });
      expect(await findTracesInRedis(redis, config.prefix, secret)).toEqual([]);
    }
    // Postgres keeps the addresses where they belong (the person, the suppression list) and nowhere else.
    for (const address of [OK, BUSY, GONE]) {
      const places = (await findTracesInPostgres(prisma, address.split('@')[0])).map((t) => t.where);
      expect(places.filter((where) => !['people.email', 'suppressions.email'].includes(where))).toEqual([]);
    }
    for (const token of [answerToken, unsubscribeToken]) expect(await findTracesInPostgres(prisma, token)).toEqual([]);
  });
});
