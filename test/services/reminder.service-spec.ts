import { DistributionModule, ReminderService, SendGateService, SendTarget } from '@cairn/distribution';
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
