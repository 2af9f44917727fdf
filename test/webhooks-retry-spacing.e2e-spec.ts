import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { JobIds, JobRepository, QueueName } from '@cairn/jobs';
import { recordResponse, seedPlace } from './closed-loop.fixtures';
import { startTestApi, TestContext } from './utils/test-app';
import { startTestWorker, waitFor } from './utils/test-worker';
import { WebhookReceiver } from './utils/webhook-receiver';

// Uneven on purpose, and with steps both shorter and longer than the 1 s
// tolerance of the claim and the sweeper's 2 s grace: a retry queued without
// its delay, or with another step's, lands visibly off one of these.
const SCHEDULE = [600, 1_600, 900];
const JITTER = 0.2;

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
    // Never early, measured where it counts: at the receiver.
    const gaps = hits.slice(1).map((hit, i) => hit.at - hits[i].at);
    gaps.forEach((gap, i) => {
      expect({ attempt: i + 2, gap, atLeast: gap >= SCHEDULE[i] * (1 - JITTER) }).toMatchObject({ atLeast: true });
    });
    // On time, without the machine's load in the figure: each retry ran as the job the attempt before queued, with
    // that step's delay; none came from the sweeper (a retry never queued, or queued too late, would: its job id
    // carries an s-tag). How late a delayed job starts on a busy machine is BullMQ's and the load's, not ours.
    const queue = ctx.app.get(JobRepository).getQueue(QueueName.Webhooks);
    const deliveryId = hits[0].id;
    for (const [i, step] of SCHEDULE.entries()) {
      const job = await queue.getJob(JobIds.deliverWebhook(deliveryId, i + 2));
      // The delay it was queued with (job.delay itself is zeroed once the job is promoted).
      const delay = job?.opts.delay ?? -1;
      expect({ attempt: i + 2, delay, onSchedule: delay >= step * (1 - JITTER) && delay <= step * (1 + JITTER) }).toMatchObject({
        onSchedule: true,
      });
    }
    // The first attempt started at fan-out, without a job; each retry is its attempt's own job.
    const ran = (await queue.getJobs(['completed', 'failed', 'active', 'waiting', 'delayed'])).map((job) => job.id ?? '');
    expect(ran.filter((id) => id.startsWith(deliveryId)).sort()).toEqual(
      [2, 3, 4].map((attempt) => JobIds.deliverWebhook(deliveryId, attempt)).sort(),
    );
    const delivery = await waitFor(
      () => ctx.prisma.webhookDelivery.findFirst({ where: { status: 'succeeded' } }),
      5_000,
      'success recorded',
    );
    expect(delivery.attempts).toBe(SCHEDULE.length + 1);
  }, 40_000);
});
