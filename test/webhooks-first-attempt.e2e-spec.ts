import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ServerResponse } from 'node:http';
import { JobIds, JobRepository, QueueName } from '@cairn/jobs';
import { recordResponse, seedPlace } from './closed-loop.fixtures';
import { startTestApi, TestContext } from './utils/test-app';
import { startTestWorker, waitFor } from './utils/test-worker';
import { WebhookReceiver } from './utils/webhook-receiver';

// A fresh delivery's first attempt starts where it was fanned out, without a queued job; at most
// WEBHOOK_CONCURRENCY of them at once per worker, the rest go to the queue.
const ROOM = 2;
const ENDPOINTS = 4;

describe('webhook first attempts start at fan-out', () => {
  let ctx: TestContext;
  let receiver: WebhookReceiver;
  let worker: NestFastifyApplication | undefined;

  beforeAll(async () => {
    ctx = await startTestApi({ workerConcurrency: { email: 5, webhooks: ROOM, events: 5 } });
    receiver = await new WebhookReceiver().start();
    // Only the deliveries of response.created: no alert, case or their events besides.
    await ctx.prisma.alertRule.updateMany({ data: { enabled: false } });
  });
  afterEach(async () => {
    await worker?.close();
    worker = undefined;
    await ctx.prisma.webhookEndpoint.deleteMany();
    receiver.reply = (_, res) => res.writeHead(204).end();
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

  it('starts as many as there is room for and queues the rest; each is delivered once', async () => {
    worker = await startTestWorker(ctx.config);
    await subscribe(ENDPOINTS);
    // Answers held until all four arrived: the two started at once are still in flight when the others are queued.
    const held: ServerResponse[] = [];
    receiver.reply = (_, res) => void held.push(res);
    await recordResponse(ctx, await seedPlace(ctx), 9);
    await waitFor(() => held.length === ENDPOINTS, 20_000, 'four requests');
    held.forEach((res) => res.writeHead(204).end());

    const deliveries = await waitFor(
      async () => {
        const rows = await ctx.prisma.webhookDelivery.findMany({ where: { status: 'succeeded' } });
        return rows.length === ENDPOINTS && rows;
      },
      10_000,
      'four deliveries succeeded',
    );
    expect(deliveries.map((d) => d.attempts)).toEqual([1, 1, 1, 1]);
    expect(new Set(receiver.hits.map((hit) => hit.id)).size).toBe(ENDPOINTS);
    expect(receiver.hits).toHaveLength(ENDPOINTS);
    const queue = ctx.app.get(JobRepository).getQueue(QueueName.Webhooks);
    const jobs = await Promise.all(deliveries.map((d) => queue.getJob(JobIds.deliverWebhook(d.id, 1))));
    expect(jobs.filter((job) => job === undefined)).toHaveLength(ROOM);
  }, 60_000);

  it('a stopping worker waits for the first attempts it started and records them', async () => {
    worker = await startTestWorker(ctx.config);
    await subscribe(1);
    let answer: (() => void) | undefined;
    receiver.reply = (_, res) => (answer = () => res.writeHead(204).end());
    await recordResponse(ctx, await seedPlace(ctx), 9);
    await waitFor(() => answer !== undefined, 20_000, 'the request');

    const stopping = worker.close();
    worker = undefined;
    // Answered only once the shutdown is under way: a shutdown that did not wait would have closed the pool by now.
    setTimeout(() => answer!(), 300);
    await stopping;

    const delivery = await ctx.prisma.webhookDelivery.findFirstOrThrow({ include: { attemptLog: true } });
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(delivery.attemptLog.map((a) => a.statusCode)).toEqual([204]);
  }, 60_000);
});
