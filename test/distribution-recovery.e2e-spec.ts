import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Redis } from 'ioredis';
import { InvitationReconcilerService } from '@cairn/distribution';
import { JobRepository, JobName, QueueName } from '@cairn/jobs';
import { OutboxRelayService, OutboxRepository } from '@cairn/outbox';
import { createRedis, queuePrefix } from '@cairn/redis';
import { createInvitations, createSurvey, expectExactlyOnce, sendEvent, uniqueEmail } from './utils/distribution-fixtures';
import { deleteRedisPrefix } from './utils/redis-prefix';
import { SmtpSink } from './utils/smtp-sink';
import { startTestApi, TestContext } from './utils/test-app';
import { startTestWorker, waitFor } from './utils/test-worker';

describe('distribution: recovery', () => {
  let ctx: TestContext;
  let sink: SmtpSink;
  let redis: Redis;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    // The worker's watch re-creates the job schedules a Redis flush removes (the reconciler's among them): every 3 s
    // here rather than 15 s, so the last test waits seconds, not most of a minute, for the reconciler.
    ctx = await startTestApi({ smtpUrl: sink.url, workerWatchMs: 3_000 });
    redis = createRedis(ctx.config, true);
  });
  afterAll(async () => {
    redis?.disconnect();
    await ctx?.close();
    await sink?.close();
  });

  const emailQueue = () => ctx.app.get(JobRepository).getQueue(QueueName.Email);

  it('queues outbox rows the fast path left behind, and due invitations that have no job', async () => {
    await createSurvey(ctx, { event: 'left.behind', throttleDays: 0 });
    const { invitations } = await sendEvent(ctx, { type: 'left.behind', person: { email: uniqueEmail() } });
    const id = invitations[0].id;
    // Stands in for the worker's relay, which the API's NOTIFY would wake.
    await ctx.app.get(OutboxRelayService).relay();
    expect(await emailQueue().getJobState(id)).toBe('waiting');
    await emailQueue().remove(id);
    expect(await emailQueue().getJobState(id)).toBe('unknown');
    // An outbox row committed by an API that died before its flush.
    await ctx.prisma.$transaction((tx) =>
      ctx.app
        .get(OutboxRepository)
        .add(tx, [{ topic: 'job', job: { name: JobName.SendReminder, data: { invitationId: id } }, jobId: `reminder-${id}` }]),
    );
    await ctx.prisma.invitation.update({ where: { id }, data: { scheduledFor: new Date(Date.now() - 60_000) } });
    const reconciler = ctx.app.get(InvitationReconcilerService);
    expect(await reconciler.reconcile()).toEqual({ sends: 1, reminders: 0 });
    expect(await emailQueue().getJobState(id)).toBe('waiting');
    expect(await emailQueue().getJobState(`reminder-${id}`)).toBe('waiting');
    expect(await ctx.app.get(OutboxRepository).countPending()).toBe(0);
    expect(await reconciler.reconcile()).toEqual({ sends: 0, reminders: 0 });

    // What a flush in the middle of a worker's moveToActive leaves: a job hash in no list, which swallows a plain add.
    await emailQueue().remove(id);
    await redis.hset(`${queuePrefix(ctx.config, QueueName.Email)}:${QueueName.Email}:${id}`, 'attemptsStarted', '1');
    expect(await emailQueue().getJobState(id)).toBe('unknown');
    expect(await reconciler.reconcile()).toEqual({ sends: 1, reminders: 0 });
    expect(await emailQueue().getJobState(id)).toBe('waiting');
  });

  it('expires overdue invitations that were never answered, and nothing else', async () => {
    await createSurvey(ctx, { event: 'grow.old', throttleDays: 0 });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await sendEvent(ctx, { type: 'grow.old', person: { email: uniqueEmail() } })).invitations[0].id);
    const past = new Date(Date.now() - 1000);
    await ctx.prisma.invitation.update({
      where: { id: ids[0] },
      data: { status: 'sent', sentAt: past, expiresAt: past, reminderDueAt: new Date() },
    });
    await ctx.prisma.invitation.update({ where: { id: ids[1] }, data: { expiresAt: past } });
    await ctx.prisma.invitation.update({ where: { id: ids[2] }, data: { status: 'responded', respondedAt: past, expiresAt: past } });
    await ctx.app.get(InvitationReconcilerService).expire();
    const rows = await ctx.prisma.invitation.findMany({ where: { id: { in: ids } } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(ids[0])).toMatchObject({ status: 'expired', reason: 'expired', reminderDueAt: null });
    expect(byId.get(ids[1])).toMatchObject({ status: 'expired' });
    expect(byId.get(ids[2])).toMatchObject({ status: 'responded' });
    expect(byId.get(ids[3])).toMatchObject({ status: 'scheduled' });
  });

  it('delivers everything exactly once when Redis loses its data mid-run', async () => {
    // Leftovers of the tests above must not reach the sink of this one.
    await ctx.prisma.invitation.updateMany({ where: { status: 'scheduled' }, data: { status: 'cancelled' } });
    sink.mails.length = 0;
    await createSurvey(ctx, { event: 'flush.run', throttleDays: 0 });
    const ids = await createInvitations(ctx, 'flush.run', 300);
    let flushed: Promise<number> | null = null;
    sink.onAccepted = () => {
      // Every key of this file's prefix, and only those (other files share this Redis): on a cluster, on every master.
      if (sink.mails.length >= 40 && !flushed) flushed = deleteRedisPrefix(ctx.config, ctx.config.redisPrefix);
    };
    const worker: NestFastifyApplication = await startTestWorker(ctx.config);
    try {
      await waitFor(() => flushed, 90_000, 'the flush'); // the first 40 mails; a busy machine boots the worker slowly
      expect(await flushed!).toBeGreaterThan(0);
      const afterFlush = sink.mails.length;
      expect(afterFlush).toBeLessThan(300);
      await waitFor(
        async () => (await ctx.prisma.invitation.count({ where: { id: { in: ids }, status: 'sent' } })) === ids.length,
        120_000,
        'the reconciler to deliver the rest',
      );
      expectExactlyOnce(sink, ids);
      process.stdout.write(`flushed Redis after ${afterFlush} of ${ids.length} mails\n`);
    } finally {
      sink.onAccepted = null;
      await worker.close();
    }
  }, 300_000);
});
