import { CrashPoint } from '@cairn/config';
import { createSurvey, sendEvent, uniqueEmail } from './utils/distribution-fixtures';
import { SmtpSink } from './utils/smtp-sink';
import { startTestApi, TestContext } from './utils/test-app';
import { waitFor } from './utils/test-worker';
import { spawnWorker, WorkerProcess } from './utils/worker-process';

// A killed run's claim and its BullMQ lock both last JOB_LOCK_MS (30 s in production; 5 s here), so a fresh
// worker takes over at its first stalled check: by the time it has booted, the lock has lapsed. Only one worker
// runs at a time here and each sends one email, so no live send outlasts its claim (the chaos run's concern).
const JOB_LOCK_MS = '5000';
const RECOVERY_MS = 60_000;
const UNCONFIRMED = 'delivery unconfirmed';

/**
 * The worker kills itself (SIGKILL) at one exact step of the hand-over of a
 * survey email (libs/config/crash-point.ts), then a fresh worker takes over.
 * The design (handover.repository.ts) and what each point may therefore do:
 * - before the COMMIT: neither the database nor the SMTP server kept anything,
 *   so the email is sent again, once: one DATA resent, one email accepted;
 * - after the COMMIT / before the end-of-data mark: the hand-over is on record
 *   but the server discards the cut-off message. Never sent twice means it is
 *   not sent again: zero emails, and the invitation says "delivery unconfirmed".
 *   Only a kill between these two writes (one synchronous call) loses an
 *   email; the ordering (record first, then end-of-data) is what keeps every
 *   other kill from doubling one;
 * - after the end-of-data mark: the server has it; exactly one email.
 */
describe('distribution: a worker killed at each step of the hand-over', () => {
  let ctx: TestContext;
  let sink: SmtpSink;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    ctx = await startTestApi({ smtpUrl: sink.url });
    await createSurvey(ctx, { event: 'crash.delivered', throttleDays: 0 });
  });
  afterAll(async () => {
    for (const worker of workers) if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
    await ctx?.close();
    await sink?.close();
  });

  const invite = async () => (await sendEvent(ctx, { type: 'crash.delivered', person: { email: uniqueEmail('crash') } })).invitations[0].id;
  const row = (id: string) => ctx.prisma.invitation.findUniqueOrThrow({ where: { id } });
  const accepted = (id: string) => sink.countByMessageId().get(`<${id}@localhost>`) ?? 0;

  async function worker(crash?: string): Promise<WorkerProcess> {
    const started = await spawnWorker(ctx.config, { JOB_LOCK_MS, ...(crash ? { CAIRN_TEST_CRASH_POINT: crash } : {}) });
    workers.push(started);
    return started;
  }

  /** A fresh worker finishes what the killed one left; resolves with the settled row. */
  async function recover(id: string) {
    const fresh = await worker();
    const settled = await waitFor(
      async () => {
        const current = await row(id);
        return current.status === 'sent' && current;
      },
      RECOVERY_MS,
      'the invitation to be settled as sent',
    );
    fresh.child.kill('SIGTERM');
    await fresh.exited;
    return settled;
  }

  it(
    'killed before the hand-over COMMIT (2nd send): the cut-off message is discarded and sent again, once',
    async () => {
      const armed = await worker('before-handover-commit:2');
      // The first send passes the armed point without stopping: the hook counts.
      const first = await invite();
      await waitFor(async () => (await row(first)).status === 'sent', 30_000, 'the first invitation to be sent');
      const dataBefore = sink.dataStarted;
      const id = await invite();
      expect(await armed.exited).toBe('SIGKILL');
      expect(sink.dataStarted - dataBefore).toBe(1);
      expect(accepted(id)).toBe(0);
      expect(await row(id)).toMatchObject({ status: 'sending', sentAt: null, handedOverAt: null }); // the UPDATE was rolled back

      const settled = await recover(id);
      expect(accepted(id)).toBe(1);
      expect(accepted(first)).toBe(1);
      expect(sink.dataStarted - dataBefore).toBe(2); // the one resend the design allows
      expect(settled.attempts).toBe(2);
      expect(settled.lastError).toBeNull();
    },
    RECOVERY_MS + 60_000,
  );

  it.each<CrashPoint>(['after-handover-commit', 'before-end-of-data'])(
    'killed at %s: the hand-over is on record, so the email is never sent again',
    async (point) => {
      const armed = await worker(point);
      const dataBefore = sink.dataStarted;
      const id = await invite();
      expect(await armed.exited).toBe('SIGKILL');
      // COMMIT was on the wire before the kill: Postgres commits it.
      await waitFor(async () => (await row(id)).handedOverAt !== null, 10_000, 'the hand-over to be committed');

      const settled = await recover(id);
      expect(sink.dataStarted - dataBefore).toBe(1); // no second DATA: never resent
      // The end-of-data mark never left the killed process, so the server discarded the message:
      // the price of "never twice", and what the note on the invitation admits.
      expect(accepted(id)).toBe(0);
      expect(sink.cutOffMessageIds).toContain(`<${id}@localhost>`); // what distribution-crash checks of a loss
      expect(settled.lastError).toMatch(new RegExp(`^${UNCONFIRMED}`));
      expect(settled.attempts).toBe(1);
      // Sent as of the hand-over on record, not of the recovery.
      expect(settled.sentAt).toEqual(settled.handedOverAt);
    },
    RECOVERY_MS + 60_000,
  );

  it(
    'killed after the end-of-data mark, before hearing the server accept: exactly one email, not resent',
    async () => {
      const plain = await worker();
      const dataBefore = sink.dataStarted;
      // The SMTP server kills the worker while it holds the complete message, before it answers 250.
      sink.onAccepted = () => plain.child.kill('SIGKILL');
      const id = await invite();
      expect(await plain.exited).toBe('SIGKILL');
      sink.onAccepted = null;

      const settled = await recover(id);
      expect(accepted(id)).toBe(1);
      expect(sink.dataStarted - dataBefore).toBe(1);
      expect(settled.lastError).toMatch(new RegExp(`^${UNCONFIRMED}`));
    },
    RECOVERY_MS + 60_000,
  );
});
