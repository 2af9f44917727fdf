import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { JobIds, JobRepository, QueueName } from '@cairn/jobs';
import { recordResponse, seedPlace } from './closed-loop.fixtures';
import { startTestApi, TestContext } from './utils/test-app';
import { startTestWorker, waitFor } from './utils/test-worker';
import { WebhookReceiver } from './utils/webhook-receiver';

// A fresh delivery's first attempt starts where it was fanned out, without a queued job: WEBHOOK_CONCURRENCY at once
// per worker, 20 per slot waiting there for their turn; past that they go to the queue.
const SLOTS = 1;
const TAKEN = SLOTS * 21;
const ENDPOINTS = TAKEN + 4;

describe('webhook first attempts start at fan-out', () => {
  let ctx: TestContext;
  let receiver: WebhookReceiver;
  let worker: NestFastifyApplication | undefined;

  beforeAll(async () => {
    ctx = await startTestApi({ workerConcurrency: { email: 5, webhooks: SLOTS, events: 5 } });
    receiver = await new WebhookReceiver().start();
    // Only the deliveries of response.created: no alert, case or their events besides.
    await ctx.prisma.alertRule.updateMany({ data: { enabled: false } });
  });
  afterEach(async () => {
    await worker?.close();
    worker = undefined;
    await ctx.prisma.webhookEndpoint.deleteMany();
    receiver.reply = (_, res) => res.writeHead(204).end();
    receiver.hits.length = 0;
  });
  afterAll(async () => {
    await receiver?.close();
    await ctx?.close();
  });

  async function subscribe(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      await ctx
        .api('post', '/api/v1/webhooks')
        .send({ url: receiver.url(`/hook${i}`), events: ['response.created'] })
        .expect(201);
    }
  }

  it('takes as many as may wait, one slot at a time, and queues the rest; each is delivered once', async () => {
    worker = await startTestWorker(ctx.config);
    await subscribe(ENDPOINTS);
    let open = 0;
    let mostOpen = 0;
    receiver.reply = (_, res) => {
      mostOpen = Math.max(mostOpen, ++open);
      setTimeout(() => (open--, res.writeHead(204).end()), 20);
    };
    await recordResponse(ctx, await seedPlace(ctx), 9);

    const deliveries = await waitFor(
      async () => {
        const rows = await ctx.prisma.webhookDelivery.findMany({ where: { status: 'succeeded' } });
        return rows.length === ENDPOINTS && rows;
      },
      30_000,
      'every delivery succeeded',
    );
    expect(deliveries.every((d) => d.attempts === 1)).toBe(true);
    expect(receiver.hits).toHaveLength(ENDPOINTS);
    expect(new Set(receiver.hits.map((hit) => hit.id)).size).toBe(ENDPOINTS);
    // One slot for first attempts and one for jobs: never more than two requests at once.
    expect(mostOpen).toBeLessThanOrEqual(2 * SLOTS);
    const queue = ctx.app.get(JobRepository).getQueue(QueueName.Webhooks);
    const jobs = await Promise.all(deliveries.map((d) => queue.getJob(JobIds.deliverWebhook(d.id, 1))));
    expect(jobs.filter((job) => job === undefined)).toHaveLength(TAKEN);
  }, 60_000);

  it('a stopping worker records the first attempt it started and queues those still waiting; all are sent once', async () => {
    worker = await startTestWorker(ctx.config);
    await subscribe(3);
    let held: { id: string; answer: () => void } | undefined;
    receiver.reply = (hit, res) => (held ? res.writeHead(204).end() : (held = { id: hit.id, answer: () => res.writeHead(204).end() }));
    await recordResponse(ctx, await seedPlace(ctx), 9);
    await waitFor(() => held !== undefined, 20_000, 'the first request');

    const stopping = worker.close();
    worker = undefined;
    // Answered only once the shutdown is under way: a shutdown that did not wait would have closed the pool by now.
    setTimeout(() => held!.answer(), 300);
    await stopping;

    const first = await ctx.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: held!.id }, include: { attemptLog: true } });
    expect(first).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(first.attemptLog.map((a) => a.statusCode)).toEqual([204]);
    // The two that waited behind it were handed to the queue (the stopping worker's job slots may have sent them).
    const queue = ctx.app.get(JobRepository).getQueue(QueueName.Webhooks);
    const others = await ctx.prisma.webhookDelivery.findMany({ where: { id: { not: held!.id } } });
    for (const d of others) {
      expect({
        id: d.id,
        sentOrQueued: d.status === 'succeeded' || (await queue.getJob(JobIds.deliverWebhook(d.id, 1))) !== undefined,
      }).toEqual({
        id: d.id,
        sentOrQueued: true,
      });
    }

    worker = await startTestWorker(ctx.config);
    await waitFor(async () => (await ctx.prisma.webhookDelivery.count({ where: { status: 'succeeded' } })) === 3, 20_000, 'all three');
    expect(receiver.hits.map((hit) => hit.id).sort()).toEqual([held!.id, ...others.map((d) => d.id)].sort());
  }, 60_000);
});
