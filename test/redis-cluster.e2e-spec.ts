/**
 * @jest-environment node
 */
// Node's environment, not the suite's leak check (test/utils/leak-checking.environment.js), as in
// jest.redis-cluster.config.js: after the master's SIGKILL ioredis can keep a reconnect timer running past the file's
// teardown (bullmq#4656); in one CI run of 2026-12-05 the check failed this file for one such Timeout.
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { RateLimitRepository } from '@cairn/rate-limit';
import { LOGIN_LIMITS, LoginThrottle } from '@cairn/users';
import { createInvitations, createSurvey, expectExactlyOnce } from './utils/distribution-fixtures';
import { OwnRedisCluster } from './utils/own-redis-cluster';
import { SmtpSink } from './utils/smtp-sink';
import { startTestApi, TestContext } from './utils/test-app';
import { startTestWorker, waitFor } from './utils/test-worker';
import { WebhookReceiver } from './utils/webhook-receiver';

const COUNT = 120;

// Issue 18: every queue, rate limit and cache on a real 3-master Redis Cluster (REDIS_CLUSTER_NODES), and a master
// SIGKILLed while it holds the email queue. Postgres is the record of what must happen: the sends the dead master
// took with it are queued again by the reconciler, and the send claims keep every email to one.
describe('on a Redis Cluster, through a master failover', () => {
  let cluster: OwnRedisCluster;
  let sink: SmtpSink;
  let receiver: WebhookReceiver;
  let ctx: TestContext;
  let worker: NestFastifyApplication;

  beforeAll(async () => {
    cluster = await OwnRedisCluster.start();
    sink = await new SmtpSink().start();
    receiver = await new WebhookReceiver().start();
    // A worker whose blocking connection stays stuck after the SIGKILL (bullmq#4656; seen in CI for the events queue,
    // so no domain event was dispatched) is replaced within two 2 s watch ticks.
    ctx = await startTestApi({ smtpUrl: sink.url, redisClusterNodes: cluster.seeds, jobLockMs: 5_000, workerWatchMs: 2_000 });
    worker = await startTestWorker(ctx.config);
  });
  afterAll(async () => {
    // Closing waits on Redis; if a failed test left the cluster down it could wait for good. The nodes must go anyway.
    const closeApps = async () => {
      await worker?.close();
      await ctx?.close();
    };
    let bound: NodeJS.Timeout | undefined;
    await Promise.race([closeApps(), new Promise((resolve) => (bound = setTimeout(resolve, 40_000)))]).finally(() => clearTimeout(bound));
    await receiver?.close();
    await sink?.close();
    await cluster?.stop();
  });

  it('sends every invitation exactly once and delivers every webhook event once while the email queue fails over', async () => {
    await createSurvey(ctx, { event: 'cluster.delivered', throttleDays: 0 });
    await ctx
      .api('post', '/api/v1/webhooks')
      .send({ url: receiver.url('/hook'), events: ['response.created'] })
      .expect(201);
    const master = await cluster.masterOf(`{${ctx.config.redisPrefix}:email}`);
    // The master holding the email queue dies once the first emails went out, with the rest queued or in flight.
    let killed = false;
    sink.onAccepted = () => {
      if (!killed && sink.mails.length >= 20) {
        killed = true;
        cluster.kill(master);
      }
    };
    const ids = await createInvitations(ctx, 'cluster.delivered', COUNT);
    // What is not sent yet, by status, is in the failure message: a failed run on a loaded machine is hard to repeat.
    const unsent = async () =>
      (await ctx.prisma.invitation.groupBy({ by: ['status'], where: { id: { in: ids }, status: { not: 'sent' } }, _count: true }))
        .map((group) => `${group._count} ${group.status}`)
        .join(', ');
    await waitFor(
      async () => (await ctx.prisma.invitation.count({ where: { id: { in: ids }, status: 'sent' } })) === COUNT,
      150_000,
      'every invitation sent',
    ).catch(async (error: Error) => {
      throw new Error(`${error.message}; not sent: ${await unsent()}`);
    });
    sink.onAccepted = null;
    expect(killed).toBe(true);
    // A replica took over the slot.
    expect(await cluster.masterOf(`{${ctx.config.redisPrefix}:email}`)).not.toBe(master);
    expectExactlyOnce(sink, ids);

    // Answers after the failover: their webhook events go through the cluster too, once each.
    const answered = sink.mails.slice(0, 10).map((mail) => /\/r\/([\w-]+)\?score=/.exec(mail.html)![1]);
    for (const token of answered) await ctx.http().post(`/r/${token}`).send({ score: 4 }).expect(201);
    await waitFor(() => new Set(receiver.hits.map((hit) => hit.id)).size >= answered.length, 60_000, 'webhooks delivered');
    const deliveries = await ctx.prisma.webhookDelivery.findMany({ where: { eventType: 'response.created' } });
    expect(deliveries).toHaveLength(answered.length);
    expect(new Set(receiver.hits.map((hit) => hit.id))).toEqual(new Set(deliveries.map((d) => d.id)));
  }, 270_000);

  it("throttles logins on the cluster: the throttle script's keys share one slot", async () => {
    ctx.app.get(LoginThrottle).limits = { ...LOGIN_LIMITS, perAddress: { limit: 3, windowSeconds: 900 } };
    const login = () =>
      ctx
        .http()
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', '198.51.100.7')
        .send({ email: 'nobody@example.com', password: 'wrong password' });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await login()).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it("counts rate limits on the cluster: one script call for many requests' keys, which share one slot", async () => {
    const counters = ctx.app.get(RateLimitRepository);
    const limit = (name: string, n: number) => ({ key: ['rl-cluster', name], limit: { limit: n, windowSeconds: 60 } });
    // Checked at once, so several requests (and their different keys) go in one call.
    const waits = await Promise.all(
      Array.from({ length: 12 }, (_, i) => counters.hit(i % 2 ? [limit('address', 100), limit('token', 3)] : [limit('address', 100)])),
    );
    expect(waits).toEqual(Array.from({ length: 12 }, (_, i) => (i % 2 && i > 5 ? 60 : 0)));
  });
});
