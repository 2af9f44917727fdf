import { BadRequestException, ConflictException } from '@nestjs/common';
import { DistributionModule, EventIntakeService } from '@cairn/distribution';
import { SurveyModule } from '@cairn/survey';
import { createSurvey, createTouchpointWithJourney, createWorkspace, unique } from '../factories';
import { createInvitation } from '../factories/invitation.factory';
import { createServiceTest, ServiceTest } from '../utils/service-test';

describe('EventIntakeService (service tier)', () => {
  let t: ServiceTest;
  let intake: EventIntakeService;
  let workspaceId: string;
  let surveyId: string;
  const trigger = 'order.delivered';

  beforeAll(async () => {
    t = await createServiceTest([DistributionModule, SurveyModule]);
    intake = t.get(EventIntakeService);
    workspaceId = (await createWorkspace(t)).id;
    const { touchpoint } = await createTouchpointWithJourney(t, workspaceId);
    surveyId = (await createSurvey(t, workspaceId, { touchpointId: touchpoint.id, trigger: { event: trigger, delaySeconds: 60 } })).id;
  });
  afterAll(() => t?.close());

  it('writes the person, the event, the invitation and the outbox row of its send in one go', async () => {
    const invitation = await createInvitation(t, workspaceId, { trigger, surveyId, name: 'Ada' });
    expect(invitation.status).toBe('scheduled');
    const row = await t.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id }, include: { person: true } });
    expect(row).toMatchObject({ workspaceId, surveyId, eventId: invitation.eventId, status: 'scheduled' });
    expect(row.person).toMatchObject({ email: invitation.email, name: 'Ada' });
    // Scheduled the survey's delay after the event.
    const event = await t.prisma.event.findUniqueOrThrow({ where: { id: invitation.eventId } });
    expect(row.scheduledFor.getTime() - event.occurredAt.getTime()).toBe(60_000);
    const sends = await t.prisma.outboxEvent.findMany({ where: { topic: 'job', payload: { path: ['jobId'], equals: invitation.id } } });
    expect(sends).toHaveLength(1);
    expect(sends[0].payload).toMatchObject({ job: { name: 'send-invitation', data: { invitationId: invitation.id } } });
  });

  it('throttles a second survey to the same person within the throttle period', async () => {
    const email = `${unique('twice')}@example.com`;
    const first = await createInvitation(t, workspaceId, { trigger, surveyId, email });
    const second = await createInvitation(t, workspaceId, { trigger, surveyId, email });
    expect([first.status, second.status]).toEqual(['scheduled', 'throttled']);
    expect(second.reason).toBe('recently_surveyed');
    expect(await t.prisma.outboxEvent.count({ where: { topic: 'job', payload: { path: ['jobId'], equals: second.id } } })).toBe(0);
  });

  it('answers a repeated idempotency key with the stored result, even when the repeats race', async () => {
    const dto = { type: trigger, idempotencyKey: unique('key'), person: { email: `${unique('idem')}@example.com` } };
    // Several requests at once: one inserts, the others hit the unique key and replay what it stored.
    const results = await Promise.all(Array.from({ length: 5 }, () => intake.accept(workspaceId, dto)));
    expect(new Set(results.map((r) => r.eventId)).size).toBe(1);
    expect(await t.prisma.event.count({ where: { workspaceId, idempotencyKey: dto.idempotencyKey } })).toBe(1);
    expect(await t.prisma.invitation.count({ where: { eventId: results[0].eventId } })).toBe(1);
    expect(await intake.accept(workspaceId, dto)).toEqual(results[0]);
  });

  it('refuses a key reused for another event type or person (409), and an event dated too far ahead (400)', async () => {
    const dto = { type: trigger, idempotencyKey: unique('key'), person: { email: `${unique('reuse')}@example.com` } };
    await intake.accept(workspaceId, dto);
    await expect(intake.accept(workspaceId, { ...dto, type: 'order.cancelled' })).rejects.toThrow(ConflictException);
    await expect(intake.accept(workspaceId, { ...dto, person: { email: 'someone.else@example.com' } })).rejects.toThrow(ConflictException);
    const farAhead = new Date(Date.now() + 400 * 86_400_000).toISOString();
    await expect(
      intake.accept(workspaceId, { type: trigger, occurredAt: farAhead, person: { email: 'later@example.com' } }),
    ).rejects.toThrow(BadRequestException);
    expect(await t.prisma.person.count({ where: { workspaceId, email: 'later@example.com' } })).toBe(0);
  });
});
