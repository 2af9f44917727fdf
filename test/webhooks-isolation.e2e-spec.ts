import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ServerResponse } from 'node:http';
import { JobName, JobRepository } from '@cairn/jobs';
import { recordResponses, seedPlace } from './closed-loop.fixtures';
import { startTestApi, TestContext } from './utils/test-app';
import { startTestWorker, waitFor } from './utils/test-worker';
import { WebhookReceiver } from './utils/webhook-receiver';

// Long enough that, unchecked, a healthy delivery stuck behind a hanging one would miss the wait below,
// and that no dead attempt times out while the 80 answers are still being recorded on a busy machine.
const TIMEOUT_MS = 60_000;
// The burst below asserts that a delivery past the endpoint's 20 slots waits for one instead of being given back.
// With the default 2 s, a loaded CI machine (three test files at once) once took longer than that to notice the
// 21st claim, release the held requests and send the next rounds: one delivery was given back (2026-12-06).
const SLOT_WAIT_MS = 30_000;

describe('webhook isolation', () => {
  let ctx: TestContext;
  let worker: NestFastifyApplication;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    ctx = await startTestApi({ webhookTimeoutMs: TIMEOUT_MS, webhookSlotWaitMs: SLOT_WAIT_MS });
    worker = await startTestWorker(ctx.config);
    receiver = await new WebhookReceiver().start();
    // Webhooks only: no alert work competing for the machine.
    await ctx.prisma.alertRule.updateMany({ data: { enabled: false } });
  });
  afterAll(async () => {
    await receiver?.close();
    await worker?.close();
    await ctx?.close();
  });
  /** An endpoint for response.created at this path of the receiver; its id. */
  const create = async (path: string): Promise<string> =>
    (
      await ctx
        .api('post', '/api/v1/webhooks')
        .send({ url: receiver.url(path), events: ['response.created'] })
        .expect(201)
    ).body.id as string;

  it('a burst to one healthy endpoint waits in the worker for its 20 slots: nothing is given back and queued again', async () => {
    const place = await seedPlace(ctx);
    const burst = await create('/burst');
    // A delivery given back is queued again under a job id tagged -d<hex> (the sweeper's safety net tags its own -s).
    const givenBack: string[] = [];
    const jobs = worker.get(JobRepository);
    const queueAll = jobs.queueAll.bind(jobs);
    const spy = jest.spyOn(jobs, 'queueAll').mockImplementation((items) => {
      for (const { item, opts } of items) {
        if (item.name === JobName.DeliverWebhook && /-d[0-9a-f]{8}$/.test(opts?.jobId ?? '')) givenBack.push(opts!.jobId!);
      }
      return queueAll(items);
    });
    // The first 20 requests are held until a delivery past the endpoint's limit is claimed: it must wait for a slot,
    // not be given back and queued as a delayed job.
    const held: ServerResponse[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    receiver.reply = (hit, res) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      res.on('finish', () => inFlight--);
      if (held.length < 20) held.push(res);
      else res.writeHead(204).end();
    };
    try {
      await recordResponses(
        ctx,
        place,
        Array.from({ length: 80 }, (_, i) => i % 11),
      );
      const claimed = () => ctx.prisma.webhookDelivery.count({ where: { endpointId: burst, attempts: { gte: 1 } } });
      await waitFor(async () => held.length === 20 && (await claimed()) > 20, 30_000, 'a 21st delivery claimed, 20 held');
      held.forEach((res) => res.writeHead(204).end());
      await waitFor(() => receiver.uniqueIds('/burst').size === 80, 30_000, 'every burst delivery');
    } finally {
      spy.mockRestore();
    }
    expect(receiver.to('/burst')).toHaveLength(80);
    expect(maxInFlight).toBeLessThanOrEqual(20);
    expect(givenBack).toEqual([]);
    // The receiver may have the last requests before the worker recorded their answers.
    const succeeded = () =>
      ctx.prisma.webhookDelivery.findMany({ where: { endpointId: burst, status: 'succeeded' }, select: { attempts: true } });
    const attempts = await waitFor(
      async () => {
        const rows = await succeeded();
        return rows.length === 80 && rows;
      },
      30_000,
      'every burst delivery recorded',
    );
    expect(attempts.every((d) => d.attempts === 1)).toBe(true);
    await ctx.api('delete', `/api/v1/webhooks/${burst}`).expect(204);
    receiver.reply = (_, res) => res.writeHead(204).end();
  });

  it(
    'a receiver that hangs holds a few worker slots at most: a healthy endpoint gets every event meanwhile',
    async () => {
      const place = await seedPlace(ctx);
      const dead = await create('/dead');
      await create('/healthy');
      const held: ServerResponse[] = [];
      receiver.reply = (hit, res) => (hit.path === '/dead' ? held.push(res) : res.writeHead(204).end());

      // More events than the worker has webhook slots (50): unchecked, the dead endpoint would take them all.
      await recordResponses(
        ctx,
        place,
        Array.from({ length: 80 }, (_, i) => i % 11),
      );
      // Timed from the last answer: recording 80 answers through the real recorder is not what is measured.
      const started = Date.now();
      await waitFor(() => receiver.uniqueIds('/healthy').size === 80, TIMEOUT_MS - 5_000, 'healthy deliveries');
      const elapsed = Date.now() - started;
      // Not one dead attempt has timed out yet, so no healthy delivery waited for one.
      const deadAttemptsLogged = await ctx.prisma.webhookAttempt.count({ where: { delivery: { endpointId: dead } } });
      expect(deadAttemptsLogged).toBe(0);
      expect(elapsed).toBeLessThan(TIMEOUT_MS - 5_000);
      expect(receiver.to('/dead').length).toBeLessThanOrEqual(20);
      held.forEach((res) => res.destroy());
    },
    TIMEOUT_MS + 30_000,
  );
});
