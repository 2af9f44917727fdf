import { createInvitations, createSurvey, expectExactlyOnce } from './utils/distribution-fixtures';
import { SmtpSink } from './utils/smtp-sink';
import { startTestApi, TestContext } from './utils/test-app';
import { waitFor } from './utils/test-worker';
import { spawnWorker, WorkerProcess } from './utils/worker-process';

const COUNT = 500;
// The killed worker's claims and BullMQ locks last JOB_LOCK_MS; the product's 30 s would make the restarted
// worker wait up to a minute before it takes them over (lock, then a stalled check), which proves nothing more.
const JOB_LOCK_MS = '10000';

describe('distribution: a worker killed mid-batch', () => {
  let ctx: TestContext;
  let sink: SmtpSink;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    ctx = await startTestApi({ smtpUrl: sink.url });
  });
  afterAll(async () => {
    for (const worker of workers) if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
    await ctx?.close();
    await sink?.close();
  });

  it('SIGKILLed in the middle of 500 invitations and restarted, sends every one exactly once', async () => {
    await createSurvey(ctx, { event: 'bulk.delivered', throttleDays: 0 });
    const ids = await createInvitations(ctx, 'bulk.delivered', COUNT);

    const first = await spawnWorker(ctx.config, { JOB_LOCK_MS });
    workers.push(first);
    // Killed from inside the SMTP server, while it holds a message the worker has not yet heard accepted.
    sink.onAccepted = () => {
      if (sink.mails.length >= 150) first.child.kill('SIGKILL');
    };
    expect(await first.exited).toBe('SIGKILL');
    sink.onAccepted = null;
    const atKill = sink.mails.length;
    expect(atKill).toBeLessThan(COUNT);
    const stuck = await ctx.prisma.invitation.count({ where: { id: { in: ids }, status: 'sending' } });

    const second = await spawnWorker(ctx.config, { JOB_LOCK_MS });
    workers.push(second);
    await waitFor(
      async () => (await ctx.prisma.invitation.count({ where: { id: { in: ids }, status: 'sent' } })) === COUNT,
      150_000,
      'every invitation to be sent',
    );
    expectExactlyOnce(sink, ids);
    const attempts = await ctx.prisma.invitation.aggregate({ where: { id: { in: ids } }, _max: { attempts: true } });
    expect(attempts._max.attempts).toBeLessThanOrEqual(2);
    // The mail accepted while the worker died was handed over: it is counted as sent, not sent again.
    const unconfirmed = await ctx.prisma.invitation.count({
      where: { id: { in: ids }, lastError: { startsWith: 'delivery unconfirmed' } },
    });
    expect(unconfirmed).toBeGreaterThanOrEqual(1);
    expect(unconfirmed).toBeLessThanOrEqual(stuck);
    second.child.kill('SIGTERM');
    await second.exited;
    process.stdout.write(`killed at ${atKill} accepted mails; ${stuck} invitations mid-send, ${unconfirmed} of them already handed over\n`);
  }, 240_000);
});
