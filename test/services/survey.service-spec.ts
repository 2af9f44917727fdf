import { ConflictException, NotFoundException } from '@nestjs/common';
import { SurveyModule, SurveyService } from '@cairn/survey';
import { createSurvey, createTouchpointWithJourney, createWorkspace } from '../factories';
import { createServiceTest, ServiceTest } from '../utils/service-test';

describe('SurveyService (service tier)', () => {
  let t: ServiceTest;
  let workspaceId: string;
  let touchpointId: string;

  beforeAll(async () => {
    t = await createServiceTest([SurveyModule]);
    workspaceId = (await createWorkspace(t)).id;
    touchpointId = (await createTouchpointWithJourney(t, workspaceId)).touchpoint.id;
  });
  afterAll(() => t?.close());

  it("refuses a survey on another workspace's touchpoint, writing nothing", async () => {
    const other = await createWorkspace(t);
    const foreign = (await createTouchpointWithJourney(t, other.id)).touchpoint.id;
    await expect(createSurvey(t, workspaceId, { touchpointId: foreign })).rejects.toThrow(NotFoundException);
    expect(await t.prisma.survey.count({ where: { touchpointId: foreign } })).toBe(0);
  });

  it('clears a text set to null and keeps one left out', async () => {
    const survey = await createSurvey(t, workspaceId, {
      touchpointId,
      question: { en: 'How likely?' },
      subject: { en: 'A question' },
      trigger: { event: 'order.shipped', delaySeconds: 60 },
    });
    await t.get(SurveyService).update(workspaceId, survey.id, { question: null, throttleDays: 7 });
    const row = await t.prisma.survey.findUniqueOrThrow({ where: { id: survey.id } });
    expect(row.question).toBeNull();
    expect(row.subject).toEqual({ en: 'A question' });
    expect(row).toMatchObject({ triggerEvent: 'order.shipped', delaySeconds: 60, throttleDays: 7 });
  });

  it('refuses to delete a survey that has sent invitations (409) and deletes one that has none', async () => {
    const used = await createSurvey(t, workspaceId, { touchpointId });
    const person = await t.prisma.person.create({ data: { workspaceId, email: 'survey-delete@example.com' } });
    await t.prisma.invitation.create({
      data: {
        workspaceId,
        surveyId: used.id,
        personId: person.id,
        status: 'sent',
        scheduledFor: new Date(),
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    const service = t.get(SurveyService);
    await expect(service.delete(workspaceId, used.id)).rejects.toThrow(ConflictException);
    expect(await t.prisma.survey.count({ where: { id: used.id } })).toBe(1);

    const unused = await createSurvey(t, workspaceId, { touchpointId });
    await service.delete(workspaceId, unused.id);
    await expect(service.get(workspaceId, unused.id)).rejects.toThrow(NotFoundException);
  });
});
