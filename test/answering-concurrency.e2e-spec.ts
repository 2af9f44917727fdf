import { RateLimitPolicy } from '@cairn/rate-limit';
import { AdaptiveBatcher } from '@cairn/common';
import { FirstAnswerRepository } from '@cairn/responses';
import { waitFor } from './utils/test-worker';
import { waitForLockWait } from './utils/wait-for';
import { outboxTopics, recount, responsesOf, rollupCounts, Seeded, seedInvitation } from './answering.fixtures';
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

  it('first answers that arrive while the database is busy are written as one batch, each with its own score, comment, events and count', async () => {
    const repository = ctx.app.get(FirstAnswerRepository, { strict: false });
    const writes = jest.spyOn(repository, 'recordMany');
    const submitted = jest.spyOn(AdaptiveBatcher.prototype, 'submit');
    const answersQueued = () => submitted.mock.calls.filter(([item]) => typeof item === 'object').length;
    try {
      const seeds = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          seedInvitation(ctx, { personProperties: { plan: i % 2 ? 'pro' : 'free', n: i, quote: `"${i}"` } }),
        ),
      );
      // Writes wait on a table lock until every answer has reached the batcher: the first few hold the
      // statement slots, the rest must leave together once the lock goes.
      const answering = answerWhileLocked('score_rollup_deltas IN EXCLUSIVE MODE', seeds, () => answersQueued() === seeds.length);
      const results = await answering;
      expect(results.map((r) => r.status)).toEqual(seeds.map(() => 201));
      expect(Math.max(...writes.mock.calls.map(([answers]) => answers.length))).toBeGreaterThan(1);
      for (const [i, seed] of seeds.entries()) {
        const [response] = await responsesOf(ctx, seed.invitation.id);
        expect(response).toMatchObject({
          score: i % 11,
          comment: `answer ${i}`,
          touchpointId: seed.touchpoint.id,
          source: 'email',
          personProperties: { plan: i % 2 ? 'pro' : 'free', n: i, quote: `"${i}"` },
        });
        // The workspace's edit window (24 h) from the answer's own instant.
        expect(response.editableUntil!.getTime() - response.createdAt.getTime()).toBe(86_400_000);
        expect(results[i].body.id).toBe(response.id);
        const side = i % 11 <= 6 ? ['response.detractor'] : i % 11 >= 9 ? ['response.promoter'] : [];
        expect(await outboxTopics(ctx, response.id)).toEqual(['response.created', ...side]);
        expect(await rollupCounts(ctx, seed.touchpoint.id)).toEqual({ [i % 11]: 1 });
        const invitation = await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: seed.invitation.id } });
        expect(invitation).toMatchObject({ status: 'responded', respondedAt: response.createdAt });
      }
    } finally {
      submitted.mockRestore();
      writes.mockRestore();
    }
  });

  it('token look-ups that arrive while the database is busy are read in one statement', async () => {
    const lookups = jest.spyOn(ctx.app.get(FirstAnswerRepository, { strict: false }), 'findByTokenHashes');
    const submitted = jest.spyOn(AdaptiveBatcher.prototype, 'submit');
    try {
      const seeds = await Promise.all(Array.from({ length: 20 }, () => seedInvitation(ctx)));
      const lookupsQueued = () => submitted.mock.calls.filter(([item]) => typeof item === 'string').length;
      const results = await answerWhileLocked('invitation_tokens IN ACCESS EXCLUSIVE MODE', seeds, () => lookupsQueued() === seeds.length);
      expect(results.map((r) => r.status)).toEqual(seeds.map(() => 201));
      expect(Math.max(...lookups.mock.calls.map(([hashes]) => hashes.length))).toBeGreaterThan(1);
      for (const [i, seed] of seeds.entries()) {
        const [response] = await responsesOf(ctx, seed.invitation.id);
        expect(response).toMatchObject({ id: results[i].body.id, score: i % 11, touchpointId: seed.touchpoint.id });
      }
    } finally {
      submitted.mockRestore();
      lookups.mockRestore();
    }
  });

  it('an answer racing the erasure of its person records nothing once the erasure commits', async () => {
    const seed = await seedInvitation(ctx);
    const personId = seed.person.id;
    let answering!: Promise<{ status: number }>;
    await ctx.prisma.$transaction(
      async (tx) => {
        // As ErasureService does: the person locked first, then every invitation of theirs touched.
        await tx.$queryRaw`SELECT id FROM people WHERE id = ${personId} FOR UPDATE`;
        await tx.$executeRaw`UPDATE invitations SET reminder_due_at = NULL WHERE person_id = ${personId}`;
        answering = ctx
          .http()
          .post(`/r/${seed.responseToken}`)
          .send({ score: 2, comment: 'Call me on 555 0100' })
          .then((r) => r);
        await waitForLockWait(ctx.prisma, 'the answer waiting on the erasure');
        await tx.$executeRaw`UPDATE people SET erased_at = now(), email = NULL, name = NULL WHERE id = ${personId}`;
        await tx.$executeRaw`DELETE FROM invitation_tokens WHERE invitation_id = ${seed.invitation.id}`;
      },
      { timeout: 20_000 },
    );
    expect((await answering).status).toBe(404);
    expect(await responsesOf(ctx, seed.invitation.id)).toEqual([]);
    expect(await ctx.prisma.response.count({ where: { personId } })).toBe(0);
  });

  /** Posts an answer (score i % 11) on every seed while a table lock holds the answers' statements, released once `queued`. */
  async function answerWhileLocked(lock: string, seeds: Seeded[], queued: () => boolean) {
    let answering!: Promise<{ status: number; body: { id: string } }[]>;
    await ctx.prisma.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`LOCK TABLE ${lock}`);
        answering = Promise.all(
          seeds.map((seed, i) =>
            ctx
              .http()
              .post(`/r/${seed.responseToken}`)
              .send({ score: i % 11, comment: `answer ${i}` })
              .then((r) => r),
          ),
        );
        await waitFor(queued, 15_000, 'every answer queued');
      },
      { timeout: 20_000 },
    );
    return answering;
  }
});
