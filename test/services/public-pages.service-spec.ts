import { NotFoundException } from '@nestjs/common';
import { DistributionModule } from '@cairn/distribution';
import { InvitationTokenRepository } from '@cairn/invitations';
import { JourneyModule } from '@cairn/journey';
import { AnswerService, PublicModule, UnsubscribePageService } from '@cairn/public';
import { SurveyModule } from '@cairn/survey';
import { createInvitation, createSurvey, createTouchpointWithJourney, createWorkspace } from '../factories';
import { createServiceTest, ServiceTest } from '../utils/service-test';

describe('Answer and unsubscribe pages (service tier)', () => {
  let t: ServiceTest;
  let workspaceId: string;
  let surveyId: string;

  beforeAll(async () => {
    // DistributionModule, JourneyModule and SurveyModule serve the factories (invitations come from event intake).
    t = await createServiceTest([PublicModule, DistributionModule, JourneyModule, SurveyModule]);
    workspaceId = (await createWorkspace(t, { name: 'Acme Rentals' })).id;
    const { touchpoint } = await createTouchpointWithJourney(t, workspaceId, { name: 'Car pick-up' });
    surveyId = (await createSurvey(t, workspaceId, { touchpointId: touchpoint.id, trigger: { event: 'car.picked_up' } })).id;
  });
  afterAll(() => t?.close());

  async function invite() {
    const invitation = await createInvitation(t, workspaceId, { trigger: 'car.picked_up', surveyId });
    const tokens = t.get(InvitationTokenRepository);
    return { invitation, answer: await tokens.issue(invitation.id, 'response'), leave: await tokens.issue(invitation.id, 'unsubscribe') };
  }

  it("renders the answer page from the token's workspace, and shows a recorded answer back while it can be edited", async () => {
    const { answer, leave } = await invite();
    const answers = t.get(AnswerService);
    const first = await answers.page(answer, '7');
    expect(first.html).toContain('Acme Rentals');
    expect(first.html).toMatch(/value="7"[^>]*checked|checked[^>]*value="7"/);

    await answers.submit(answer, { score: 9, comment: 'quick' });
    const again = await answers.page(answer, undefined);
    expect(again.html).toMatch(/value="9"[^>]*checked|checked[^>]*value="9"/);
    expect(again.html).toContain('quick');

    // An unsubscribe token is no answer link, whatever it points at.
    await expect(answers.page(leave, '7')).rejects.toThrow(NotFoundException);
  });

  it('unsubscribes through the link: the person is marked and the scheduled survey cancelled; an answer token cannot', async () => {
    const { invitation, answer, leave } = await invite();
    const pages = t.get(UnsubscribePageService);
    const { personId } = await t.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    await expect(pages.unsubscribe(answer)).rejects.toThrow(NotFoundException);
    expect((await t.prisma.person.findUniqueOrThrow({ where: { id: personId } })).unsubscribedAt).toBeNull();

    expect((await pages.page(leave)).html).toContain('Acme Rentals');
    await pages.unsubscribe(leave);
    expect((await t.prisma.person.findUniqueOrThrow({ where: { id: personId } })).unsubscribedAt).toBeInstanceOf(Date);
    expect((await t.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).status).toBe('cancelled');
  });
});
