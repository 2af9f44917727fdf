import { JobIds, JobName, JobRepository, QueueName } from '@cairn/jobs';
import { OutboxRelayService, OutboxRepository, OutboxTransactionRunner } from '@cairn/outbox';
import { createServiceTest, ServiceTest } from '../utils/service-test';

describe('OutboxTransactionRunner: write, outbox rows, commit, flush', () => {
  let t: ServiceTest;
  beforeAll(async () => {
    t = await createServiceTest([]);
    // This process relays, as the worker does (an API would only NOTIFY the worker: test/outbox-relay.e2e-spec.ts).
    t.get(OutboxRelayService).listen();
  });
  afterAll(() => t?.close());

  const reminderRow = (invitationId: string) => ({
    topic: 'job' as const,
    job: { name: JobName.SendReminder as const, data: { invitationId } },
    jobId: JobIds.sendReminder(invitationId),
  });
  const queued = (invitationId: string) => t.get(JobRepository).getQueue(QueueName.Email).getJob(JobIds.sendReminder(invitationId));

  it('hands the rows of a committed transaction to BullMQ right after the commit, without the scheduled relay', async () => {
    const id = '0193b8a0-0000-7000-8000-000000000001';
    const result = await t.get(OutboxTransactionRunner).run(async (tx) => {
      await t.get(OutboxRepository).add(tx, [reminderRow(id)]);
      return 'done';
    });
    expect(result).toBe('done');
    await t.get(OutboxRelayService).idle();
    expect((await queued(id))?.data).toEqual({ invitationId: id });
    expect(await t.prisma.outboxEvent.count({ where: { processedAt: null } })).toBe(0);
  });

  it('flushes nothing when the transaction fails or added nothing, and a failed one leaves no row', async () => {
    const relay = t.get(OutboxRelayService);
    const flush = jest.spyOn(relay, 'flushSoon');
    try {
      const id = '0193b8a0-0000-7000-8000-000000000002';
      await expect(
        t.get(OutboxTransactionRunner).run(async (tx) => {
          await t.get(OutboxRepository).add(tx, [reminderRow(id)]);
          throw new Error('the write failed');
        }),
      ).rejects.toThrow('the write failed');
      await t.get(OutboxTransactionRunner).run(async (tx) => t.get(OutboxRepository).add(tx, []));
      expect(flush).not.toHaveBeenCalled();
      expect(await t.prisma.outboxEvent.count({ where: { payload: { path: ['job', 'data', 'invitationId'], equals: id } } })).toBe(0);
      expect(await queued(id)).toBeUndefined();
    } finally {
      flush.mockRestore();
    }
  });
});
