import { createSurvey, sendEvent, uniqueEmail } from './utils/distribution-fixtures';
import { startTestApi, TestContext } from './utils/test-app';

const DAY_MS = 86_400_000;

/**
 * The throttle through the real intake SQL, at its boundary: the query that
 * fetches a person's earlier surveys must look back the whole throttle window,
 * or the policy never sees a survey sent near its far end.
 */
describe('distribution: the 30-day throttle at its boundary, through the intake SQL', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await startTestApi();
    await createSurvey(ctx, { event: 'shop.visited', throttleDays: 30 });
  });
  afterAll(() => ctx.close());

  /** A person whose only earlier survey went out `daysAgo` days ago; returns what a new event decides. */
  async function eventAfterSurveySent(daysAgo: number) {
    const email = uniqueEmail('throttle');
    const first = (await sendEvent(ctx, { type: 'shop.visited', person: { email } })).invitations[0];
    expect(first.status).toBe('scheduled');
    const at = new Date(Date.now() - daysAgo * DAY_MS);
    await ctx.prisma.invitation.update({ where: { id: first.id }, data: { status: 'sent', scheduledFor: at, claimedAt: at, sentAt: at } });
    return (await sendEvent(ctx, { type: 'shop.visited', person: { email } })).invitations[0];
  }

  it('throttles when the earlier survey went out 29.5 days ago', async () => {
    expect(await eventAfterSurveySent(29.5)).toMatchObject({ status: 'throttled', reason: 'recently_surveyed' });
  });

  it('schedules when it went out 30.5 days ago', async () => {
    const decided = await eventAfterSurveySent(30.5);
    expect(decided.status).toBe('scheduled');
    expect(decided.reason).toBeUndefined();
  });

  it('counts the send time, not the planned time, of a survey planned long before it went out', async () => {
    const email = uniqueEmail('late');
    const first = (await sendEvent(ctx, { type: 'shop.visited', person: { email } })).invitations[0];
    await ctx.prisma.invitation.update({
      where: { id: first.id },
      data: { status: 'sent', scheduledFor: new Date(Date.now() - 40 * DAY_MS), sentAt: new Date(Date.now() - 29.5 * DAY_MS) },
    });
    expect((await sendEvent(ctx, { type: 'shop.visited', person: { email } })).invitations[0].status).toBe('throttled');
  });
});
