import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ServerResponse } from 'node:http';
import { recordResponses, seedPlace } from './closed-loop.fixtures';
import { startTestApi, TestContext } from './utils/test-app';
import { spawnWorker } from './utils/worker-process';
import { startTestWorker, waitFor } from './utils/test-worker';
import { WebhookReceiver } from './utils/webhook-receiver';

const EVENTS = 40;
const HELD = 5;

describe('webhook delivery survives a killed worker', () => {
  let ctx: TestContext;
  let receiver: WebhookReceiver;
  let replacement: NestFastifyApplication | undefined;

  beforeAll(async () => {
    // A 2 s send deadline keeps the lease of an interrupted attempt (a 2 s wait for a slot + deadline + 5 s) short.
    ctx = await startTestApi({ webhookTimeoutMs: 2_000, webhookRetrySchedule: [100, 100, 100] });
    receiver = await new WebhookReceiver().start();
  });
  afterAll(async () => {
    await replacement?.close();
    await receiver?.close();
    await ctx?.close();
  });

  it('SIGKILL mid-delivery: every event still arrives (receiver dedupes by webhook-id)', async () => {
    const place = await seedPlace(ctx);
    const hook = (
      await ctx
        .api('post', '/api/v1/webhooks')
        .send({ url: receiver.url('/crm'), events: ['response.created'] })
        .expect(201)
    ).body;
    const held: ServerResponse[] = [];
    // The first few requests never get an answer, so the worker is surely mid-delivery when it dies.
    receiver.reply = (_, res) => (held.length < HELD ? held.push(res) : setTimeout(() => res.writeHead(204).end(), 20));

    const worker = await spawnWorker(ctx.config, {
      WEBHOOK_ALLOW_PRIVATE: '127.0.0.1/32',
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_RETRY_SCHEDULE: '100ms,100ms,100ms',
    });
    try {
      await recordResponses(
        ctx,
        place,
        Array.from({ length: EVENTS }, (_, i) => i % 11),
      );
      await waitFor(
        async () => held.length === HELD && (await ctx.prisma.webhookDelivery.count()) === EVENTS,
        30_000,
        'deliveries in flight',
      );
    } finally {
      worker.child.kill('SIGKILL');
      await worker.exited;
    }
    const heldIds = held.map((res) => String(res.req.headers['webhook-id']));
    held.forEach((res) => res.destroy());
    const pendingAtKill = await ctx.prisma.webhookDelivery.count({ where: { status: 'pending' } });
    expect(pendingAtKill).toBeGreaterThanOrEqual(HELD);

    replacement = await startTestWorker(ctx.config);
    await waitFor(
      async () => (await ctx.prisma.webhookDelivery.count({ where: { status: 'succeeded' } })) === EVENTS,
      45_000,
      'all delivered',
    );
    const ids = (await ctx.prisma.webhookDelivery.findMany({ where: { endpointId: hook.id }, select: { id: true } })).map((d) => d.id);
    expect(receiver.uniqueIds('/crm')).toEqual(new Set(ids));
    // The interrupted ones came again under the same webhook-id.
    for (const id of heldIds) expect(receiver.to('/crm').filter((hit) => hit.id === id).length).toBeGreaterThanOrEqual(2);
  });
});
