import { RollupRepository } from '@cairn/scoring';
import { addCounts, createJourney } from './scores-fixtures';
import { startTestApi, TestContext } from './utils/test-app';
import { startTestWorker, waitFor } from './utils/test-worker';

describe('rollup folding by the worker', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await startTestApi();
  });
  afterAll(() => ctx.close());

  it('folds the deltas answers append into the hour, day and week rows on its own schedule', async () => {
    const [[tp]] = (await createJourney(ctx, [['nps']])).tps;
    await addCounts(ctx, tp, { 3: 2, 10: 5 }, '2026-04-01T10:20:00Z');
    const rollups = ctx.app.get(RollupRepository);
    expect(await rollups.countPending()).toBe(7);

    const worker = await startTestWorker(ctx.config);
    try {
      await waitFor(async () => (await rollups.countPending()) === 0, 60_000, 'the scheduled fold');
    } finally {
      await worker.close();
    }
    const rows = (table: string) =>
      ctx.prisma.$queryRawUnsafe<Array<{ b: string; score: number; count: number }>>(
        `SELECT to_char(bucket, 'YYYY-MM-DD HH24') AS b, score, count FROM ${table} WHERE touchpoint_id = $1 ORDER BY score`,
        tp.id,
      );
    expect(await rows('score_rollups')).toEqual([
      { b: '2026-04-01 10', score: 3, count: 2 },
      { b: '2026-04-01 10', score: 10, count: 5 },
    ]);
    expect(await rows('score_rollups_daily')).toEqual([
      { b: '2026-04-01 00', score: 3, count: 2 },
      { b: '2026-04-01 00', score: 10, count: 5 },
    ]);
    // 2026-04-01 is a Wednesday: its ISO week began on Monday 2026-03-30.
    expect(await rows('score_rollups_weekly')).toEqual([
      { b: '2026-03-30 00', score: 3, count: 2 },
      { b: '2026-03-30 00', score: 10, count: 5 },
    ]);
  });
});
