import { JobRepository, QueueName } from '@cairn/jobs';
import { OutboxRelayService, OutboxRepository } from '@cairn/outbox';
import { startTestApi, TestContext } from './utils/test-app';
import { startTestWorker, waitFor } from './utils/test-worker';

describe('outbox relay', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await startTestApi();
  });
  afterAll(() => ctx.close());

  it('queues each committed row once, and the worker runs the job', async () => {
    const outbox = ctx.app.get(OutboxRepository);
    await ctx.prisma.$transaction((tx) =>
      outbox.add(tx, [{ topic: 'person.unsubscribed', workspaceId: ctx.workspaceId, data: { personId: 'p1' } }]),
    );
    const row = await ctx.prisma.outboxEvent.findFirstOrThrow({ where: { topic: 'person.unsubscribed' } });
    const relay = ctx.app.get(OutboxRelayService);
    relay.flushSoon();
    relay.flushSoon();
    await relay.idle();
    expect(await outbox.countPending()).toBe(0);
    expect(await relay.relay()).toBe(0);

    const queue = ctx.app.get(JobRepository).getQueue(QueueName.Events);
    const job = await queue.getJob(`event-${row.id}`);
    expect(job?.data).toEqual({ outboxEventId: row.id });
    expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 1 });

    const worker = await startTestWorker(ctx.config);
    try {
      await waitFor(async () => (await queue.getJob(`event-${row.id}`).then((j) => j?.getState())) === 'completed', 15_000, 'dispatch job');
    } finally {
      await worker.close();
    }
  });

  it('leaves rows that are not yet due', async () => {
    await ctx.prisma.outboxEvent.create({
      data: { workspaceId: ctx.workspaceId, topic: 'case.updated', payload: {}, availableAt: new Date(Date.now() + 60_000) },
    });
    expect(await ctx.app.get(OutboxRelayService).relay()).toBe(0);
    expect(await ctx.app.get(OutboxRepository).countPending()).toBe(1);
  });
});
