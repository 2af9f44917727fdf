import { JobIds, JobName, JobRepository, QueueName } from '@cairn/jobs';
import { DomainEventDispatcher, OutboxRelayRepository, OutboxRelayService, OutboxRepository } from '@cairn/outbox';
import { WebhookFanoutService } from '@cairn/webhooks';
import { startTestApi, TestContext } from './utils/test-app';
import { startTestWorker, waitFor } from './utils/test-worker';

describe('outbox relay', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await startTestApi();
  });
  afterAll(() => ctx.close());

  const addRow = (personId: string) =>
    ctx.prisma.$transaction((tx) =>
      ctx.app.get(OutboxRepository).add(tx, [{ topic: 'person.unsubscribed', workspaceId: ctx.workspaceId, data: { personId } }]),
    );
  const rowOf = (personId: string) =>
    ctx.prisma.outboxEvent.findFirstOrThrow({ where: { topic: 'person.unsubscribed', payload: { path: ['personId'], equals: personId } } });

  it('queues each committed row once, and the worker runs the job', async () => {
    await addRow('p1');
    const row = await rowOf('p1');
    const relay = ctx.app.get(OutboxRelayService);
    expect(await relay.relay()).toBe(1);
    expect(await ctx.app.get(OutboxRepository).countPending()).toBe(0);
    expect(await relay.relay()).toBe(0);

    // One dispatch job per relay batch of domain events.
    const queue = ctx.app.get(JobRepository).getQueue(QueueName.Events);
    const jobId = JobIds.dispatchEvents([row.id]);
    const job = await queue.getJob(jobId);
    expect(job?.name).toBe(JobName.DispatchEvents);
    expect(job?.data).toEqual({ outboxEventIds: [row.id] });
    expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 1 });

    const worker = await startTestWorker(ctx.config);
    try {
      await waitFor(async () => (await queue.getJob(jobId).then((j) => j?.getState())) === 'completed', 15_000, 'dispatch job');
    } finally {
      await worker.close();
    }
  });

  it('an event that fails in its batch gets a dispatch-event job of its own; the others are done', async () => {
    await addRow('p-bad');
    await addRow('p-good');
    const [bad, good] = [await rowOf('p-bad'), await rowOf('p-good')];
    // Dispatched by hand here: the relay passes of the tests below must not see them.
    await ctx.prisma.outboxEvent.updateMany({ where: { id: { in: [bad.id, good.id] } }, data: { processedAt: new Date() } });
    const fanOut = jest.spyOn(ctx.app.get(WebhookFanoutService), 'fanOut');
    fanOut.mockImplementation(async (event) => {
      if (event.id === bad.id) throw new Error('receiver lookup failed');
    });
    let seen: string[];
    try {
      await ctx.app.get(DomainEventDispatcher).dispatchMany({ outboxEventIds: [bad.id, good.id] });
      seen = fanOut.mock.calls.map(([event]) => event.id);
    } finally {
      fanOut.mockRestore();
    }
    expect(seen.sort()).toEqual([bad.id, good.id].sort());
    const queue = ctx.app.get(JobRepository).getQueue(QueueName.Events);
    expect((await queue.getJob(JobIds.dispatchEvent(bad.id)))?.data).toEqual({ outboxEventId: bad.id });
    expect(await queue.getJob(JobIds.dispatchEvent(good.id))).toBeUndefined();
  });

  it("an API's flushSoon() sends a NOTIFY that wakes a listening relay, which moves the rows", async () => {
    // The app's own relay plays the worker here (listening); a second instance plays an API process.
    const listening = ctx.app.get(OutboxRelayService);
    const api = new OutboxRelayService(ctx.app.get(OutboxRelayRepository), ctx.app.get(JobRepository), {
      ...ctx.config,
      outboxRelay: 'notify',
    });
    const relayed = jest.spyOn(listening, 'relay');
    try {
      listening.listen();
      // Listening begins with one pass (rows committed while nobody listened); let it finish first.
      await waitFor(() => relayed.mock.calls.length >= 1, 10_000, 'first pass');
      await listening.idle();
      const before = relayed.mock.calls.length;
      await addRow('p2');
      const notify = jest.spyOn(ctx.app.get(OutboxRelayRepository), 'notify');
      api.flushSoon();
      api.flushSoon();
      api.flushSoon();
      await api.idle();
      // Calls during a NOTIFY in flight coalesce into one more: never one per call.
      expect(notify.mock.calls.length).toBeLessThanOrEqual(2);
      notify.mockRestore();
      const row = await rowOf('p2');
      await waitFor(async () => (await ctx.prisma.outboxEvent.findUnique({ where: { id: row.id } }))?.processedAt, 10_000, 'row relayed');
      expect(relayed.mock.calls.length).toBeGreaterThan(before);
      expect(
        await ctx.app
          .get(JobRepository)
          .getQueue(QueueName.Events)
          .getJob(JobIds.dispatchEvents([row.id])),
      ).toBeDefined();
    } finally {
      relayed.mockRestore();
      await listening.onModuleDestroy();
    }
  });

  it('rows committed while no relay listened (an API killed before its NOTIFY) move once a relay starts listening', async () => {
    await addRow('p3');
    const row = await rowOf('p3');
    const relay = ctx.app.get(OutboxRelayService);
    try {
      relay.listen();
      await waitFor(async () => (await ctx.prisma.outboxEvent.findUnique({ where: { id: row.id } }))?.processedAt, 10_000, 'row relayed');
    } finally {
      await relay.onModuleDestroy();
    }
  });

  it('leaves rows that are not yet due', async () => {
    await ctx.prisma.outboxEvent.create({
      data: { workspaceId: ctx.workspaceId, topic: 'case.updated', payload: {}, availableAt: new Date(Date.now() + 60_000) },
    });
    expect(await ctx.app.get(OutboxRelayService).relay()).toBe(0);
    expect(await ctx.app.get(OutboxRepository).countPending()).toBe(1);
  });

  it('a failed queueing leaves the batch for the next pass', async () => {
    await ctx.prisma.outboxEvent.deleteMany({ where: { availableAt: { gt: new Date() } } });
    await addRow('p4');
    const jobs = ctx.app.get(JobRepository);
    const queueAll = jest.spyOn(jobs, 'queueAll').mockRejectedValueOnce(new Error('Redis is down'));
    try {
      await expect(ctx.app.get(OutboxRelayService).relay()).rejects.toThrow('Redis is down');
      expect(await ctx.app.get(OutboxRepository).countPending()).toBe(1);
      expect(await ctx.app.get(OutboxRelayService).relay()).toBe(1);
      expect(await ctx.app.get(OutboxRepository).countPending()).toBe(0);
    } finally {
      queueAll.mockRestore();
    }
  });
});
