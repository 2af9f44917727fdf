import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { JobRepository, QueueName } from '@cairn/jobs';
import { RedisService } from '@cairn/redis';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './dashboard-helpers';
import { createSurvey, sendEvent, uniqueEmail } from './utils/distribution-fixtures';
import { OwnRedis } from './utils/own-redis';
import { startTestApi, TestContext } from './utils/test-app';
import { startTestWorker, waitFor } from './utils/test-worker';
import { WebhookReceiver } from './utils/webhook-receiver';

const run = promisify(execFile);
// What "answers within a deadline" means here. The Redis command timeout is 1.5 s; the
// rest is slack for a machine shared by many test runs. Without the fix these requests
// wait for Redis: the whole pause (PAUSE_MS) or, with Redis down, for ever.
const DEADLINE_MS = 5000;
const PAUSE_MS = 10_000;
const METRICS_TOKEN = 'metrics-token-for-the-outage-test';

/**
 * Issue 22.8: every request that touches Redis answers within a deadline while
 * Redis is hung or down, with a defined outcome (503 + Retry-After, or the
 * outbox), and all works again once Redis is back. Its own redis-server, so
 * stopping it disturbs nobody else.
 */
describe('requests while Redis is hung or down', () => {
  let redis: OwnRedis;
  let ctx: TestContext;
  let worker: NestFastifyApplication;
  let receiver: WebhookReceiver;
  let endpointId: string;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    ctx = await startTestApi({
      redisUrl: redis.url,
      metricsToken: METRICS_TOKEN,
      webhookRetrySchedule: [100, 100],
      webhookTimeoutMs: 1000,
    });
    worker = await startTestWorker(ctx.config);
    receiver = await new WebhookReceiver().start();
    endpointId = (
      await ctx
        .api('post', '/api/v1/webhooks')
        .send({ url: receiver.url('/hook'), events: ['case.opened'] })
        .expect(201)
    ).body.id;
  });
  afterAll(async () => {
    const closeApps = async () => {
      await worker?.close();
      await receiver?.close();
      await ctx?.close();
    };
    // Closing can hang if a failed test left Redis in a bad way; the redis-server must go anyway.
    let bound: NodeJS.Timeout | undefined;
    await Promise.race([closeApps(), new Promise((resolve) => (bound = setTimeout(resolve, 40_000)))]).finally(() => clearTimeout(bound));
    await redis?.stop();
  });

  /** A delivery that failed for good: the thing an admin retries by hand. */
  async function failedDelivery(): Promise<string> {
    const row = await ctx.prisma.webhookDelivery.create({
      data: {
        endpointId,
        outboxEventId: crypto.randomUUID(),
        eventType: 'case.opened',
        status: 'failed',
        attempts: 1,
        payload: JSON.stringify({ type: 'case.opened', id: crypto.randomUUID(), createdAt: new Date().toISOString(), data: {} }),
      },
    });
    return row.id;
  }

  async function timed<T extends { status: number }>(name: string, request: PromiseLike<T>): Promise<T & { name: string; ms: number }> {
    const started = Date.now();
    const res = await request;
    return Object.assign(res, { name, ms: Date.now() - started });
  }
  const slowerThanDeadline = (...answers: Array<{ name: string; ms: number }>) => {
    process.stdout.write(`answer times: ${answers.map((a) => `${a.name} ${a.ms} ms`).join(', ')}\n`);
    return answers.filter((a) => a.ms >= DEADLINE_MS).map((a) => `${a.name}: ${a.ms} ms`);
  };

  const login = () => ctx.http().post('/api/v1/auth/login').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  const redisCli = (...args: string[]) => run('redis-cli', ['-p', String(redis.port), ...args]).catch(() => undefined);
  const apiClientReady = () => ctx.app.get(RedisService).client.status === 'ready';

  it('answers within the deadline while Redis hangs (every command paused)', async () => {
    const deliveryId = await failedDelivery();
    await redisCli('CLIENT', 'PAUSE', String(PAUSE_MS), 'ALL');

    const [signIn, retry, ready] = await Promise.all([
      timed('login', login()),
      timed('webhook retry', ctx.api('post', `/api/v1/webhooks/${endpointId}/deliveries/${deliveryId}/retry`)),
      timed('readiness', ctx.http().get('/health/ready')),
    ]);
    expect(signIn.status).toBe(503);
    expect(signIn.headers['retry-after']).toBe('5');
    expect(signIn.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
    expect(retry.status).toBe(202);
    expect(ready.status).toBe(503);
    expect(slowerThanDeadline(signIn, retry, ready)).toEqual([]);

    // Once Redis answers again, the retry recorded meanwhile is delivered.
    await waitFor(() => receiver.hits.some((hit) => hit.id === deliveryId), 30_000, 'the retried delivery');
    await waitFor(async () => (await login()).status === 200, 15_000, 'a login after the pause');
  });

  it('answers within the deadline while Redis is down, and works again once it is back', async () => {
    const deliveryId = await failedDelivery();
    const survey = await createSurvey(ctx, { event: 'order.shipped', delaySeconds: 3600 });
    const emailQueue = ctx.app.get(JobRepository).getQueue(QueueName.Email);
    const personWithQueuedSurvey = async () => {
      const { invitations } = await sendEvent(ctx, { type: 'order.shipped', person: { email: uniqueEmail('outage') } });
      const invitation = invitations.find((i) => i.surveyId === survey.id)!;
      await waitFor(() => emailQueue.getJob(invitation.id), 30_000, 'the delayed send job in Redis');
      return {
        invitationId: invitation.id,
        personId: (await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).personId,
      };
    };
    // Erasure does a lot of Postgres work of its own: what Redis may add is measured against it.
    const baseline = await personWithQueuedSurvey();
    const erasedWithRedis = await timed('erasure with Redis up', ctx.api('delete', `/api/v1/people/${baseline.personId}`));
    expect(erasedWithRedis.status).toBe(200);
    expect(await emailQueue.getJob(baseline.invitationId)).toBeUndefined();
    const { invitationId, personId } = await personWithQueuedSurvey();

    await redisCli('SHUTDOWN', 'NOSAVE');
    try {
      await waitFor(() => !apiClientReady(), 10_000, 'the API to notice Redis is gone');

      const [signIn, retry, erase, event, answerPage, ready, metrics] = await Promise.all([
        timed('login', login()),
        timed('webhook retry', ctx.api('post', `/api/v1/webhooks/${endpointId}/deliveries/${deliveryId}/retry`)),
        timed('erasure', ctx.api('delete', `/api/v1/people/${personId}`)),
        timed('event', ctx.api('post', '/api/v1/events').send({ type: 'order.shipped', person: { email: uniqueEmail('meanwhile') } })),
        timed('answer page', ctx.http().get('/r/not-a-real-token')),
        timed('readiness', ctx.http().get('/health/ready')),
        timed('metrics', ctx.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`)),
      ]);
      expect(signIn.status).toBe(503);
      expect(signIn.headers['retry-after']).toBe('5');
      expect(retry.status).toBe(202);
      expect(erase.status).toBe(200);
      expect(event.status).toBe(202);
      expect(answerPage.status).toBe(404); // rate limits fail open: customers keep answering
      expect(ready.status).toBe(503);
      expect(metrics.status).toBe(200);
      expect(slowerThanDeadline(signIn, retry, event, answerPage, ready, metrics)).toEqual([]);
      expect(erase.ms).toBeLessThan(erasedWithRedis.ms + DEADLINE_MS);
      process.stdout.write(`erasure with Redis up ${erasedWithRedis.ms} ms, down ${erase.ms} ms\n`);
      // What could not reach Redis is in Postgres: the reopened delivery, the erasure, the event.
      expect(await ctx.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).toMatchObject({ status: 'pending' });
      expect((await ctx.prisma.person.findUniqueOrThrow({ where: { id: personId } })).erasedAt).not.toBeNull();
    } finally {
      await redis.restart();
    }
    await waitFor(async () => (await login()).status === 200, 15_000, 'a login once Redis is back');
    await waitFor(() => receiver.hits.some((hit) => hit.id === deliveryId), 30_000, 'the retried delivery');
    // The erased person's queued send job goes too, through the outbox, once Redis is back.
    await waitFor(async () => !(await emailQueue.getJob(invitationId)), 30_000, 'the erased person’s job to be dropped');
    await ctx.http().get('/health/ready').expect(200);
  });
});
