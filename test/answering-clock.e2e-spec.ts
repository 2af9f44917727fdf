import { Clock } from '@cairn/common';
import { RateLimitPolicy } from '@cairn/rate-limit';
import { RollupRepository } from '@cairn/scoring';
import { seedInvitation } from './answering.fixtures';
import { startTestApi, TestContext } from './utils/test-app';

const HOUR_MS = 3_600_000;

/**
 * Answers through the real page endpoint (POST /r/:token) and the real
 * recorder, with only the Clock adapter moved by the test: what an edit does
 * to rollups and to the edit window depends on when it happens.
 */
describe('answering at controlled instants', () => {
  let ctx: TestContext;
  let now: Date;

  beforeAll(async () => {
    ctx = await startTestApi();
    ctx.app.get(RateLimitPolicy).override('answer-submit', {});
    ctx.app.get(RateLimitPolicy).override('answer-page', {});
    // Clock is one global provider: every service reads this instant.
    jest.spyOn(ctx.app.get(Clock), 'now').mockImplementation(() => new Date(now));
  });
  afterAll(() => ctx.close());

  const answer = (token: string, score: number) => ctx.http().post(`/r/${token}`).send({ score });

  /** Non-zero rollup rows of one touchpoint, per level, as `bucket score×count`. */
  async function rollups(touchpointId: string) {
    await ctx.app.get(RollupRepository).foldAll();
    const read = async (table: string) => {
      const rows = await ctx.prisma.$queryRawUnsafe<Array<{ b: string; score: number; count: number }>>(
        `SELECT to_char(bucket, 'YYYY-MM-DD"T"HH24') AS b, score, count::int FROM ${table} WHERE touchpoint_id = $1 AND count <> 0 ORDER BY 1, 2`,
        touchpointId,
      );
      return rows.map((r) => `${r.b} ${r.score}×${r.count}`);
    };
    return { hour: await read('score_rollups'), day: await read('score_rollups_daily'), week: await read('score_rollups_weekly') };
  }

  it('an edit after an hour, day and week boundary changes the buckets of the answer, not those of the edit', async () => {
    const seed = await seedInvitation(ctx);
    // Sunday 2026-03-01 23:59:30 UTC; its ISO week began on Monday 2026-02-23.
    now = new Date('2026-03-01T23:59:30Z');
    const created = await answer(seed.responseToken, 3).expect(201);
    now = new Date('2026-03-02T00:30:00Z');
    await answer(seed.responseToken, 9).expect(200);
    now = new Date('2026-03-02T00:45:00Z');
    await answer(seed.responseToken, 7).expect(200);

    expect(await rollups(seed.touchpoint.id)).toEqual({
      hour: ['2026-03-01T23 7×1'],
      day: ['2026-03-01T00 7×1'],
      week: ['2026-02-23T00 7×1'],
    });
    const response = await ctx.prisma.response.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(response.createdAt.toISOString()).toBe('2026-03-01T23:59:30.000Z');
    expect(response.updatedAt.toISOString()).toBe('2026-03-02T00:45:00.000Z');
  });

  it('two answers either side of midnight each stay in their own hour and day after both are edited', async () => {
    const before = await seedInvitation(ctx);
    const after = await seedInvitation(ctx, { touchpointName: 'Pick-up' });
    now = new Date('2026-03-10T23:10:00Z');
    await answer(before.responseToken, 2).expect(201);
    now = new Date('2026-03-11T00:05:00Z');
    await answer(after.responseToken, 4).expect(201);
    now = new Date('2026-03-11T01:00:00Z');
    await answer(before.responseToken, 10).expect(200);
    await answer(after.responseToken, 5).expect(200);
    expect((await rollups(before.touchpoint.id)).hour).toEqual(['2026-03-10T23 10×1']);
    expect((await rollups(before.touchpoint.id)).day).toEqual(['2026-03-10T00 10×1']);
    expect((await rollups(after.touchpoint.id)).hour).toEqual(['2026-03-11T00 5×1']);
    expect((await rollups(after.touchpoint.id)).day).toEqual(['2026-03-11T00 5×1']);
  });

  it('the edit window is fixed by the first answer: edits inside it do not extend it', async () => {
    const seed = await seedInvitation(ctx);
    const t0 = new Date('2026-04-01T12:00:00Z');
    now = t0;
    const created = await answer(seed.responseToken, 5).expect(201);
    const until = new Date(t0.getTime() + 24 * HOUR_MS).toISOString();
    expect(created.body.editableUntil).toBe(until);
    for (const [hours, score] of [
      [6, 6],
      [12, 7],
      [23.9, 8],
    ]) {
      now = new Date(t0.getTime() + hours * HOUR_MS);
      await answer(seed.responseToken, score).expect(200);
      const row = await ctx.prisma.response.findUniqueOrThrow({ where: { id: created.body.id } });
      expect(row.editableUntil!.toISOString()).toBe(until);
    }
    now = new Date(t0.getTime() + 24 * HOUR_MS + 1_000);
    await answer(seed.responseToken, 10).expect(409);
    const row = await ctx.prisma.response.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(row).toMatchObject({ score: 8 });
    expect(row.editableUntil!.toISOString()).toBe(until);
  });
});
