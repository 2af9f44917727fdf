import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { recordResponse, seedPlace } from './closed-loop.fixtures';
import { startTestApi, TestContext } from './utils/test-app';
import { startTestWorker, waitFor } from './utils/test-worker';
import { WebhookReceiver } from './utils/webhook-receiver';

// Uneven on purpose, and with steps both shorter and longer than the 1 s
// tolerance of the claim and the sweeper's 2 s grace: a retry queued without
// its delay, or with another step's, lands visibly off one of these.
const SCHEDULE = [600, 1_600, 900];
const JITTER = 0.2;
// A delayed job may start late on a busy machine, never early. 1 s, then 2.5 s were exceeded in CI (load 7 on two
// cores, browser tests beside it); the lower bounds catch a step queued with a shorter step's delay (1,600 vs
// 600/900) or none, and the upper one still catches the default schedule's 5 s first step (600 × 1.2 + 4,000).
const LATE_SLACK_MS = 4_000;

describe('webhook retries follow the schedule, measured at the receiver', () => {
  let ctx: TestContext;
  let worker: NestFastifyApplication;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    ctx = await startTestApi({ webhookRetrySchedule: SCHEDULE, webhookTimeoutMs: 2_000 });
    worker = await startTestWorker(ctx.config);
    receiver = await new WebhookReceiver().start();
    await ctx.prisma.alertRule.updateMany({ data: { enabled: false } });
  });
  afterAll(async () => {
    await worker?.close();
    await receiver?.close();
    await ctx?.close();
  });

  it('waits each step of an uneven schedule (±20 %) between attempts (three 500s, then 200)', async () => {
    await ctx
      .api('post', '/api/v1/webhooks')
      .send({ url: receiver.url('/spaced'), events: ['response.created'] })
      .expect(201);
    let failures = SCHEDULE.length;
    receiver.reply = (_hit, res) => (failures-- > 0 ? res.writeHead(500).end() : res.writeHead(200).end());
    await recordResponse(ctx, await seedPlace(ctx), 8);

    const hits = await waitFor(() => receiver.hits.length === SCHEDULE.length + 1 && receiver.hits, 20_000, 'four attempts');
    expect(new Set(hits.map((hit) => hit.id)).size).toBe(1);
    const gaps = hits.slice(1).map((hit, i) => hit.at - hits[i].at);
    gaps.forEach((gap, i) => {
      expect({ attempt: i + 2, gap, atLeast: gap >= SCHEDULE[i] * (1 - JITTER) }).toMatchObject({ atLeast: true });
      expect({ attempt: i + 2, gap, atMost: gap <= SCHEDULE[i] * (1 + JITTER) + LATE_SLACK_MS }).toMatchObject({ atMost: true });
    });
    const delivery = await waitFor(
      () => ctx.prisma.webhookDelivery.findFirst({ where: { status: 'succeeded' } }),
      5_000,
      'success recorded',
    );
    expect(delivery.attempts).toBe(SCHEDULE.length + 1);
  }, 40_000);
});
