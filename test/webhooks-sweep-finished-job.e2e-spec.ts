import { Worker } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { createRedis, queuePrefix } from '@cairn/redis';
import { JobRepository, QueueName } from '@cairn/jobs';
import { WebhookSweepService } from '@cairn/webhooks';
import { startTestApi, TestContext } from './utils/test-app';
import { startTestWorker, waitFor } from './utils/test-worker';
import { WebhookReceiver } from './utils/webhook-receiver';

// The sweeper gives an overdue delivery one job per state. If that job failed (the worker's
// Postgres was restarting when it ran) the state did not change: the next sweep must not be
// deduped against the dead job, or the delivery stays pending for good (seen in the chaos run).
describe('webhook sweeper and a finished job for the same state', () => {
  let ctx: TestContext;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    ctx = await startTestApi({ webhookRetrySchedule: [100, 100, 100], webhookTimeoutMs: 1_000 });
    receiver = await new WebhookReceiver().start();
  });
  afterAll(async () => {
    await receiver?.close();
    await ctx?.close();
  });

  it('re-queues a pending delivery whose sweeper job failed without changing it', async () => {
    const endpoint = await ctx
      .api('post', '/api/v1/webhooks')
      .send({ url: receiver.url('/hook'), events: ['response.created'] })
      .expect(201);
    const delivery = await ctx.prisma.webhookDelivery.create({
      data: {
        endpointId: endpoint.body.id,
        outboxEventId: randomUUID(),
        eventType: 'response.created',
        payload: JSON.stringify({ id: randomUUID(), type: 'response.created', data: {} }),
        attempts: 1,
        nextAttemptAt: new Date(Date.now() - 60_000),
      },
    });
    const sweeper = ctx.app.get(WebhookSweepService);
    expect(await sweeper.sweep()).toBe(1);

    // The sweeper's job runs and fails before touching the delivery (as while Postgres restarts).
    const connection = createRedis(ctx.config, true);
    const manual = new Worker(QueueName.Webhooks, null, { connection, prefix: queuePrefix(ctx.config, QueueName.Webhooks) });
    try {
      const job = await manual.getNextJob('manual-token');
      expect(job?.data).toEqual({ deliveryId: delivery.id });
      await job!.moveToFailed(new Error("Can't reach database server"), 'manual-token', false);
    } finally {
      await manual.close();
      connection.disconnect();
    }

    expect(await sweeper.sweep()).toBe(1);
    const queue = ctx.app.get(JobRepository).getQueue(QueueName.Webhooks);
    expect((await queue.getJobCounts('waiting')).waiting).toBe(1);

    const worker = await startTestWorker(ctx.config);
    try {
      await waitFor(
        async () => (await ctx.prisma.webhookDelivery.findUnique({ where: { id: delivery.id } }))?.status === 'succeeded',
        20_000,
        'the swept delivery to be delivered',
      );
      expect(receiver.uniqueIds()).toEqual(new Set([delivery.id]));
    } finally {
      await worker.close();
    }
  });
});
