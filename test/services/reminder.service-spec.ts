import { emailHash } from '@cairn/common';
import { TransactionRunner } from '@cairn/database';
import {
  ClaimBusyError,
  DistributionModule,
  HandoverRepository,
  ReminderClaimRepository,
  ReminderService,
  SendGateService,
  SendTarget,
} from '@cairn/distribution';
import { JobName } from '@cairn/jobs';
import { UnsubscribeService } from '@cairn/people';
import { SurveyModule } from '@cairn/survey';
import { createSurvey, createTouchpointWithJourney, createWorkspace } from '../factories';
import { createInvitation } from '../factories/invitation.factory';
import { createServiceTest, ServiceTest } from '../utils/service-test';
import { SmtpSink } from '../utils/smtp-sink';

describe('ReminderService (service tier)', () => {
  let t: ServiceTest;
  let sink: SmtpSink;
  let workspaceId: string;
  let surveyId: string;
  const trigger = 'order.delivered';

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    t = await createServiceTest([DistributionModule, SurveyModule], { smtpUrl: sink.url });
    workspaceId = (await createWorkspace(t)).id;
    const { touchpoint } = await createTouchpointWithJourney(t, workspaceId);
    surveyId = (
      await createSurvey(t, workspaceId, { touchpointId: touchpoint.id, trigger: { event: trigger }, reminderAfterSeconds: 3600 })
    ).id;
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  /** An invitation whose first email went out a while ago and whose reminder is due now. */
  async function dueReminder() {
    const invitation = await createInvitation(t, workspaceId, { trigger, surveyId });
    const sentAt = new Date(Date.now() - 2 * 3600_000);
    await t.prisma.invitation.update({
      where: { id: invitation.id },
      data: { status: 'sent', sentAt, reminderDueAt: new Date(sentAt.getTime() + 3600_000) },
    });
    return invitation;
  }

  const mailsTo = (email: string) => sink.mails.filter((mail) => mail.to === email);

  it('sends one reminder with fresh links when runs race, and none after it', async () => {
    const invitation = await dueReminder();
    const reminders = t.get(ReminderService);
    // Claimed in one message on the raw fast path, not in an ORM transaction.
    const ormTransactions = jest.spyOn(t.get(TransactionRunner), 'run');
    const runs = await Promise.allSettled([
      reminders.remind({ invitationId: invitation.id }),
      reminders.remind({ invitationId: invitation.id }),
    ]);
    // The loser finds the reminder claimed (and is retried later) or already sent.
    expect(runs.filter((run) => run.status === 'fulfilled' && run.value === 'sent')).toHaveLength(1);
    expect(mailsTo(invitation.email)).toHaveLength(1);
    expect((await t.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).reminderSentAt).toBeInstanceOf(Date);
    expect(await t.prisma.invitationToken.count({ where: { invitationId: invitation.id } })).toBe(2);
    expect(await reminders.remind({ invitationId: invitation.id })).toBe('skipped');
    expect(mailsTo(invitation.email)).toHaveLength(1);
    expect(ormTransactions).not.toHaveBeenCalled();
    ormTransactions.mockRestore();
  });

  it('drops the reminder of a person who unsubscribed meanwhile', async () => {
    const invitation = await dueReminder();
    await t.get(UnsubscribeService).byEmail(workspaceId, invitation.email);
    expect(await t.get(ReminderService).remind({ invitationId: invitation.id })).toBe('skipped');
    expect(await t.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).toMatchObject({
      reminderDueAt: null,
      reminderSentAt: null,
    });
    expect(mailsTo(invitation.email)).toHaveLength(0);
  });

  const row = (id: string) => t.prisma.invitation.findUniqueOrThrow({ where: { id } });
  const personOf = async (id: string) => (await row(id)).personId;

  it('drops the reminder of a suppressed address or an erased person, and sends none', async () => {
    const [bounced, erased] = await Promise.all([dueReminder(), dueReminder()]);
    await t.prisma.suppression.create({ data: { workspaceId, emailHash: emailHash(bounced.email), reason: 'bounced' } });
    await t.prisma.person.update({ where: { id: await personOf(erased.id) }, data: { erasedAt: new Date(), email: null } });
    for (const invitation of [bounced, erased]) {
      expect(await t.get(ReminderService).remind({ invitationId: invitation.id })).toBe('skipped');
      expect(await row(invitation.id)).toMatchObject({ status: 'sent', reminderDueAt: null, reminderSentAt: null, claimedAt: null });
      expect(await t.prisma.invitationToken.count({ where: { invitationId: invitation.id } })).toBe(0);
    }
    expect(mailsTo(bounced.email)).toHaveLength(0);
    expect(mailsTo(erased.email)).toHaveLength(0);
  });

  it('leaves a reminder due and unclaimed while sending is paused, and sends it once resumed', async () => {
    const invitation = await dueReminder();
    const before = await row(invitation.id);
    await t.prisma.workspace.update({ where: { id: workspaceId }, data: { sendingPausedAt: new Date() } });
    try {
      expect(await t.get(ReminderService).remind({ invitationId: invitation.id })).toBe('paused');
    } finally {
      await t.prisma.workspace.update({ where: { id: workspaceId }, data: { sendingPausedAt: null } });
    }
    expect(await row(invitation.id)).toMatchObject({
      reminderDueAt: before.reminderDueAt,
      claimedAt: before.claimedAt,
      reminderSentAt: null,
      lastError: 'sending paused',
    });
    expect(mailsTo(invitation.email)).toHaveLength(0);
    expect(await t.get(ReminderService).remind({ invitationId: invitation.id })).toBe('sent');
    expect(mailsTo(invitation.email)).toHaveLength(1);
  });

  it("is busy while another run's reminder claim is fresh, and takes over a stale one", async () => {
    const invitation = await dueReminder();
    const gate = t.get(SendGateService);
    const { reminderDueAt } = await row(invitation.id);
    await t.prisma.invitation.update({ where: { id: invitation.id }, data: { claimedAt: new Date(Date.now() - 1000) } });
    await expect(t.get(ReminderService).remind({ invitationId: invitation.id })).rejects.toBeInstanceOf(ClaimBusyError);
    expect(await t.prisma.invitationToken.count({ where: { invitationId: invitation.id } })).toBe(0);
    expect(await row(invitation.id)).toMatchObject({ reminderDueAt, reminderSentAt: null });
    // A claim after the due time but older than the job lock: its run died.
    const stale = new Date(Math.max(reminderDueAt!.getTime() + 1, Date.now() - gate.staleClaimMs - 1000));
    await t.prisma.invitation.update({ where: { id: invitation.id }, data: { claimedAt: stale } });
    expect(await t.get(ReminderService).remind({ invitationId: invitation.id })).toBe('sent');
    expect(mailsTo(invitation.email)).toHaveLength(1);
  });

  it('skips a reminder not yet due, or of an expired invitation, and changes nothing', async () => {
    const [early, expired] = await Promise.all([dueReminder(), dueReminder()]);
    await t.prisma.invitation.update({ where: { id: early.id }, data: { reminderDueAt: new Date(Date.now() + 3600_000) } });
    await t.prisma.invitation.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    for (const invitation of [early, expired]) {
      const before = await row(invitation.id);
      expect(await t.get(ReminderService).remind({ invitationId: invitation.id })).toBe('skipped');
      expect(await row(invitation.id)).toEqual(before);
    }
    expect(mailsTo(early.email)).toHaveLength(0);
    expect(mailsTo(expired.email)).toHaveLength(0);
  });

  it('sends the reminder of an address stored without its hash (written around Cairn), checking its suppression', async () => {
    const [plain, suppressed] = await Promise.all([dueReminder(), dueReminder()]);
    await t.prisma.person.updateMany({
      where: { id: { in: [await personOf(plain.id), await personOf(suppressed.id)] } },
      data: { emailHash: null },
    });
    await t.prisma.suppression.create({ data: { workspaceId, emailHash: emailHash(suppressed.email), reason: 'complained' } });
    // The general path hashes the address itself.
    const ormTransactions = jest.spyOn(t.get(TransactionRunner), 'run');
    expect(await t.get(ReminderService).remind({ invitationId: plain.id })).toBe('sent');
    expect(ormTransactions).toHaveBeenCalledTimes(1);
    ormTransactions.mockRestore();
    expect(await t.get(ReminderService).remind({ invitationId: suppressed.id })).toBe('skipped');
    expect(mailsTo(plain.email)).toHaveLength(1);
    expect(mailsTo(suppressed.email)).toHaveLength(0);
    expect(await row(suppressed.id)).toMatchObject({ reminderDueAt: null });
  });

  it('confirms the reminder after the 250 only when its hand-over record did not commit', async () => {
    const [recorded, lost] = await Promise.all([dueReminder(), dueReminder()]);
    const confirm = jest.spyOn(t.get(ReminderClaimRepository), 'confirm');
    expect(await t.get(ReminderService).remind({ invitationId: recorded.id })).toBe('sent');
    expect(confirm).not.toHaveBeenCalled();
    expect((await row(recorded.id)).reminderSentAt).toBeInstanceOf(Date);
    // A record whose COMMIT failed (the connection broke): nothing was written, and the confirmation sets it.
    const prepare = jest.spyOn(t.get(HandoverRepository), 'prepare').mockImplementationOnce(async () => async () => false);
    expect(await t.get(ReminderService).remind({ invitationId: lost.id })).toBe('sent');
    expect(confirm).toHaveBeenCalledTimes(1);
    expect((await row(lost.id)).reminderSentAt).toBeInstanceOf(Date);
    expect(mailsTo(lost.email)).toHaveLength(1);
    prepare.mockRestore();
    confirm.mockRestore();
  });

  it("queues the reminder in the sent email's mark, and none for a run whose claim was taken over", async () => {
    const claimedAt = new Date(Date.now() - 1000);
    const [kept, lost] = await Promise.all([
      createInvitation(t, workspaceId, { trigger, surveyId }),
      createInvitation(t, workspaceId, { trigger, surveyId }),
    ]);
    await t.prisma.invitation.updateMany({ where: { id: { in: [kept.id, lost.id] } }, data: { status: 'sending', claimedAt } });
    const target = (id: string) => ({ id, workspaceId, reminderAfterSeconds: 3600, expiresAfterSeconds: 86_400 }) as SendTarget;
    const before = Date.now();
    // Both marks share one statement; the second run's claim is no longer the one on the row.
    await Promise.all([
      t.get(SendGateService).finishSent(target(kept.id), { id: kept.id, claimedAt }),
      t.get(SendGateService).finishSent(target(lost.id), { id: lost.id, claimedAt: new Date(claimedAt.getTime() - 1) }),
    ]);
    const after = Date.now();
    const sent = await t.prisma.invitation.findUniqueOrThrow({ where: { id: kept.id } });
    expect(sent.status).toBe('sent');
    expect(sent.reminderDueAt!.getTime()).toBeGreaterThanOrEqual(before + 3600_000);
    expect(sent.reminderDueAt!.getTime()).toBeLessThanOrEqual(after + 3600_000);
    expect(await t.prisma.invitation.findUniqueOrThrow({ where: { id: lost.id } })).toMatchObject({
      status: 'sending',
      reminderDueAt: null,
    });
    const jobs = await t.prisma.outboxEvent.findMany({
      where: { topic: 'job', payload: { path: ['job', 'name'], equals: JobName.SendReminder } },
    });
    const mine = jobs.filter((row) =>
      [kept.id, lost.id].includes((row.payload as { job: { data: { invitationId: string } } }).job.data.invitationId),
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ workspaceId, payload: { jobId: `reminder-${kept.id}`, runAt: sent.reminderDueAt!.toISOString() } });
  });

  it('queues the reminder when a run takes over a claim whose email had left (the sender died before its mark)', async () => {
    const invitation = await createInvitation(t, workspaceId, { trigger, surveyId });
    const gate = t.get(SendGateService);
    const handedOverAt = new Date(Date.now() - gate.staleClaimMs - 60_000);
    await t.prisma.invitation.update({
      where: { id: invitation.id },
      data: { status: 'sending', claimedAt: handedOverAt, handedOverAt, attempts: 1 },
    });
    expect(await gate.claim(invitation.id)).toEqual({ kind: 'done' });
    const sent = await t.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(sent).toMatchObject({ status: 'sent', sentAt: handedOverAt });
    expect(sent.reminderDueAt).toBeInstanceOf(Date);
    const jobs = await t.prisma.outboxEvent.findMany({ where: { payload: { path: ['jobId'], equals: `reminder-${invitation.id}` } } });
    expect(jobs).toHaveLength(1);
    expect(jobs[0].payload).toMatchObject({ runAt: sent.reminderDueAt!.toISOString() });
  });
});
