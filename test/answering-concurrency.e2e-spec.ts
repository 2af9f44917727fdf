import { RateLimitPolicy } from '@cairn/rate-limit';
import { outboxTopics, recount, responsesOf, rollupCounts, seedInvitation } from './answering.fixtures';
import { startTestApi, TestContext } from './utils/test-app';

describe('one response per invitation under concurrency', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await startTestApi();
    ctx.app.get(RateLimitPolicy).override('answer-submit', {});
  });
  afterAll(() => ctx.close());

  it('50 concurrent posts on one token leave exactly one response, and none fails with a 500', async () => {
    const seed = await seedInvitation(ctx);
    const posts = Array.from({ length: 50 }, (_, i) =>
      ctx
        .http()
        .post(`/r/${seed.responseToken}`)
        .send({ score: i % 11, comment: `attempt ${i}` }),
    );
    const results = await Promise.all(posts);
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.every((s) => s === 201 || s === 200)).toBe(true);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);

    const responses = await responsesOf(ctx, seed.invitation.id);
    expect(responses).toHaveLength(1);
    // The last writer wins; every intermediate change was announced, the creation once.
    const topics = await outboxTopics(ctx, responses[0].id);
    expect(topics.filter((t) => t === 'response.created')).toHaveLength(1);
    expect(topics.filter((t) => t === 'response.updated').length).toBe(results.filter((r) => r.body.outcome === 'updated').length);
    expect(await rollupCounts(ctx, seed.touchpoint.id)).toEqual(await recount(ctx, seed.touchpoint.id));
    expect(await rollupCounts(ctx, seed.touchpoint.id)).toEqual({ [responses[0].score]: 1 });
  });

  it('concurrent first answers on many invitations each create their own response', async () => {
    const seeds = await Promise.all(Array.from({ length: 10 }, () => seedInvitation(ctx)));
    const results = await Promise.all(
      seeds.flatMap((seed) => [1, 2, 3].map(() => ctx.http().post(`/r/${seed.responseToken}`).send({ score: 10 }))),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    expect(results.filter((r) => r.status === 200).every((r) => r.body.outcome === 'unchanged')).toBe(true);
    const count = await ctx.prisma.response.count({ where: { invitationId: { in: seeds.map((s) => s.invitation.id) } } });
    expect(count).toBe(10);
  });
});
