import { lowerRetentionMarks } from '@cairn/database';
import { RetentionService } from '@cairn/privacy';
import { ResponseRecorderService } from '@cairn/responses';
import { seedInvitation } from './answering.fixtures';
import { startTestApi, TestContext } from './utils/test-app';
import { atInstant } from './utils/test-clock';

// Issue 22, point 6: retention unlinks old responses from their invitation,
// yet the link in the email must stay bound to the one answer it gave.
describe('a survey link after retention', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await startTestApi();
    await ctx.prisma.workspace.update({ where: { id: ctx.workspaceId }, data: { retentionMonths: 6 } });
  });
  afterAll(() => ctx.close());

  /** Answers through the link, then ages the answer past retention (the invitation itself is still valid) and runs the job. */
  async function answeredThenRetained() {
    const seed = await seedInvitation(ctx, { locale: 'en', expiresAt: new Date(Date.now() + 400 * 86_400_000) });
    // Answered through the link eight months ago (the app's clock at that instant): the answer is dated then and its id
    // made then, as every writer makes them (a month of history partitioned by month holds only answers dated in it).
    const eightMonthsAgo = new Date(Date.now() - 240 * 86_400_000);
    const { response: first } = await atInstant(ctx.app, eightMonthsAgo, () =>
      ctx.app.get(ResponseRecorderService).answerInvitation(seed.responseToken, { score: 3, comment: 'late' }),
    );
    expect(first.createdAt).toEqual(eightMonthsAgo);
    // Below what an earlier test's run left anonymised: as every writer of back-dated answers does, it lowers the
    // workspace's retention mark.
    await ctx.prisma.$executeRaw(lowerRetentionMarks([{ workspaceId: ctx.workspaceId, createdAt: eightMonthsAgo }])!);
    expect(await ctx.app.get(RetentionService).apply()).toBeGreaterThanOrEqual(1);
    expect(await ctx.prisma.response.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({
      invitationId: null,
      personId: null,
    });
    return { seed, firstId: first.id };
  }

  const countFor = (touchpointId: string) => ctx.prisma.response.count({ where: { touchpointId } });

  it('refuses a second answer through the same link with 409 "already answered", storing nothing', async () => {
    const { seed, firstId } = await answeredThenRetained();
    const again = await ctx.http().post(`/r/${seed.responseToken}`).set('Accept', 'application/json').send({ score: 10 }).expect(409);
    expect(again.body).toMatchObject({ statusCode: 409, message: expect.stringContaining('recorded') });
    const page = await ctx.http().post(`/r/${seed.responseToken}`).type('form').send('score=9').expect(409);
    expect(page.text).toContain('can no longer be changed');
    expect(await countFor(seed.touchpoint.id)).toBe(1);
    expect(await ctx.prisma.response.findUniqueOrThrow({ where: { id: firstId } })).toMatchObject({ score: 3, comment: null });
    expect(await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: seed.invitation.id } })).toMatchObject({ status: 'responded' });
  });

  it('shows the "recorded" page on GET instead of a fresh form, and records nothing', async () => {
    const { seed } = await answeredThenRetained();
    const page = await ctx.http().get(`/r/${seed.responseToken}?score=10`).expect(200);
    expect(page.text).toContain('can no longer be changed');
    expect(page.text).not.toContain('<form');
    expect(await countFor(seed.touchpoint.id)).toBe(1);
  });
});
