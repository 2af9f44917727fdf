import { NotFoundException } from '@nestjs/common';
import { PeopleModule, PeopleService, UnsubscribeService } from '@cairn/people';
import { createPerson, createSurvey, createTouchpointWithJourney, createWorkspace } from '../factories';
import { SurveyModule } from '@cairn/survey';
import { createServiceTest, ServiceTest } from '../utils/service-test';

describe('PeopleService and UnsubscribeService (service tier)', () => {
  let t: ServiceTest;
  let workspaceId: string;

  beforeAll(async () => {
    t = await createServiceTest([PeopleModule, SurveyModule]);
    workspaceId = (await createWorkspace(t)).id;
  });
  afterAll(() => t?.close());

  const unsubscribedEvents = (personId: string) =>
    t.prisma.outboxEvent.count({ where: { topic: 'person.unsubscribed', payload: { path: ['personId'], equals: personId } } });

  it('merges concurrent property updates one after the other, losing none', async () => {
    const person = await createPerson(t, workspaceId, { properties: { plan: 'pro' } });
    const people = t.get(PeopleService);
    await Promise.all(Array.from({ length: 6 }, (_, i) => people.update(workspaceId, person.id, { properties: { [`k${i}`]: i } })));
    await people.update(workspaceId, person.id, { name: 'Ada', properties: { plan: null } });
    const row = await t.prisma.person.findUniqueOrThrow({ where: { id: person.id } });
    expect(row.properties).toEqual({ k0: 0, k1: 1, k2: 2, k3: 3, k4: 4, k5: 5 });
    expect(row.name).toBe('Ada');
  });

  it("does not update another workspace's person or an erased one", async () => {
    const other = await createWorkspace(t);
    const foreign = await createPerson(t, other.id);
    const people = t.get(PeopleService);
    await expect(people.update(workspaceId, foreign.id, { name: 'x' })).rejects.toThrow(NotFoundException);
    const erased = await createPerson(t, workspaceId);
    await t.prisma.person.update({ where: { id: erased.id }, data: { erasedAt: new Date() } });
    await expect(people.update(workspaceId, erased.id, { name: 'x' })).rejects.toThrow(NotFoundException);
    expect((await t.prisma.person.findUniqueOrThrow({ where: { id: foreign.id } })).name).toBeNull();
  });

  it('unsubscribing a person cancels scheduled surveys, clears reminders and announces it once', async () => {
    const person = await createPerson(t, workspaceId);
    const { touchpoint } = await createTouchpointWithJourney(t, workspaceId);
    const survey = await createSurvey(t, workspaceId, { touchpointId: touchpoint.id });
    const base = { workspaceId, surveyId: survey.id, personId: person.id, expiresAt: new Date(Date.now() + 86_400_000) };
    const scheduled = await t.prisma.invitation.create({ data: { ...base, status: 'scheduled', scheduledFor: new Date() } });
    const sent = await t.prisma.invitation.create({
      data: { ...base, status: 'sent', scheduledFor: new Date(), sentAt: new Date(), reminderDueAt: new Date() },
    });

    const unsubscribe = t.get(UnsubscribeService);
    expect(await unsubscribe.byPersonId(workspaceId, person.id)).toEqual({ personId: person.id, changed: true });
    expect(await unsubscribe.byPersonId(workspaceId, person.id)).toEqual({ personId: person.id, changed: false });

    expect(await t.prisma.invitation.findUniqueOrThrow({ where: { id: scheduled.id } })).toMatchObject({
      status: 'cancelled',
      reason: 'unsubscribed',
    });
    expect(await t.prisma.invitation.findUniqueOrThrow({ where: { id: sent.id } })).toMatchObject({ status: 'sent', reminderDueAt: null });
    expect((await t.prisma.person.findUniqueOrThrow({ where: { id: person.id } })).unsubscribedAt).toBeInstanceOf(Date);
    expect(await t.prisma.suppression.count({ where: { workspaceId, email: person.email, reason: 'unsubscribed' } })).toBe(1);
    expect(await unsubscribedEvents(person.id)).toBe(1);
  });

  it('suppresses an address Cairn has never seen, and turns a bounce into an unsubscribe', async () => {
    const unsubscribe = t.get(UnsubscribeService);
    expect(await unsubscribe.byEmail(workspaceId, 'Never.Seen@Example.com')).toEqual({ personId: null, changed: true });
    expect(await unsubscribe.byEmail(workspaceId, 'never.seen@example.com')).toEqual({ personId: null, changed: false });
    expect(await t.prisma.suppression.findMany({ where: { workspaceId, email: 'never.seen@example.com' } })).toEqual([
      expect.objectContaining({ reason: 'unsubscribed' }),
    ]);

    const bounced = await createPerson(t, workspaceId);
    await t.prisma.suppression.create({
      data: { workspaceId, email: bounced.email, emailHash: bounced.emailHash!, reason: 'bounced', detail: '550 no such user' },
    });
    expect(await unsubscribe.byEmail(workspaceId, bounced.email!)).toEqual({ personId: bounced.id, changed: true });
    expect(await t.prisma.suppression.findMany({ where: { workspaceId, emailHash: bounced.emailHash! } })).toEqual([
      expect.objectContaining({ reason: 'unsubscribed', detail: null }),
    ]);
  });
});
