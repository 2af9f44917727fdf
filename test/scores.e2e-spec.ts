import { addCounts, addResponse, createJourney, scores } from './scores-fixtures';
import { startTestApi, TestContext } from './utils/test-app';

// Hand-computed fixtures through the HTTP API (product.md, "Metric definitions").
describe('GET /api/v1/scores — fixtures', () => {
  let ctx: TestContext;
  const MARCH = { since: '2026-03-01', until: '2026-04-01' };
  const FEB = '2026-02-10T12:00:00Z';
  const MID_MARCH = '2026-03-10T12:00:00Z';

  beforeAll(async () => {
    ctx = await startTestApi();
  });
  afterAll(() => ctx.close());

  // P = 32, passives 13, D = 6, n = 51: NPS = 100·26/51 = 50.98 → 51; SE = 9.7538 → CI 50.98 ± 19.117 = [31.9, 70.1].
  it('computes NPS 51 with CI [31.9, 70.1] from 32/13/6', async () => {
    const { tps } = await createJourney(ctx, [['nps']]);
    await addCounts(ctx, tps[0][0], { 10: 20, 9: 12, 8: 8, 7: 5, 6: 3, 3: 2, 0: 1 }, MID_MARCH);
    const body = await scores(ctx, { touchpointId: tps[0][0].id, ...MARCH });
    expect(body).toMatchObject({
      metric: 'nps',
      scale: { min: 0, max: 10 },
      n: 51,
      promoters: 32,
      passives: 13,
      detractors: 6,
      nps: 51,
      score: 51,
      ci95: [31.9, 70.1],
      reliable: true,
      since: '2026-03-01T00:00:00.000Z',
      until: '2026-04-01T00:00:00.000Z',
      interval: 'day',
      tz: 'UTC',
      target: { type: 'touchpoint', id: tps[0][0].id },
    });
    expect(body.rule).toContain('promoters 9–10');
    expect(body.raw).toBeUndefined();
    // 31 daily buckets; all answers on 10 March.
    expect(body.series).toHaveLength(31);
    expect(body.series[9]).toEqual({ start: '2026-03-10T00:00:00.000Z', n: 51, score: 51, ci95: [31.9, 70.1] });
    expect(body.series.filter((p: { n: number }) => p.n > 0)).toHaveLength(1);
    expect(body.previous).toEqual({
      since: '2026-01-29T00:00:00.000Z',
      until: '2026-03-01T00:00:00.000Z',
      score: null,
      n: 0,
      delta: null,
      significant: false,
    });
  });

  // 78 of 100 answer 4–5: 78%; Wilson: centre (0.78 + 0.019208)/1.038416 = 0.769640, half 0.080347
  // → [0.68929, 0.84999] → [68.9, 85.0]. Mean (200 + 152 + 36 + 12 + 4)/100 = 4.04 → 4.0.
  it('computes CSAT 78% with Wilson CI [68.9, 85.0] and the mean', async () => {
    const { tps } = await createJourney(ctx, [['csat']]);
    await addCounts(ctx, tps[0][0], { 5: 40, 4: 38, 3: 12, 2: 6, 1: 4 }, MID_MARCH);
    const body = await scores(ctx, { touchpointId: tps[0][0].id, ...MARCH, interval: 'month' });
    expect(body).toMatchObject({ metric: 'csat', scale: { min: 1, max: 5 }, n: 100, satisfied: 78, csat: 78, ci95: [68.9, 85], mean: 4 });
    expect(body.series).toEqual([{ start: '2026-03-01T00:00:00.000Z', n: 100, score: 78, ci95: [68.9, 85] }]);
  });

  // Mean (21 + 12 + 5 + 8 + 4)/10 = 5.0; agree (5–7) = 6 of 10 = 60%; sd = sqrt(34/9) = 1.9437,
  // SE = 0.6146, CI 5 ± 1.2047 = [3.8, 6.2].
  it('computes the CES mean, % agree and CI', async () => {
    const { tps } = await createJourney(ctx, [['ces']]);
    await addCounts(ctx, tps[0][0], { 7: 3, 6: 2, 5: 1, 4: 2, 2: 2 }, MID_MARCH);
    const body = await scores(ctx, { touchpointId: tps[0][0].id, ...MARCH });
    expect(body).toMatchObject({ metric: 'ces', n: 10, mean: 5, score: 5, agree: 6, agreePct: 60, ci95: [3.8, 6.2], reliable: false });
  });

  it('returns n 0 and null scores for an empty range', async () => {
    const { tps } = await createJourney(ctx, [['nps']]);
    await addCounts(ctx, tps[0][0], { 10: 3 }, FEB);
    const body = await scores(ctx, { touchpointId: tps[0][0].id, ...MARCH, interval: 'week' });
    expect(body).toMatchObject({ n: 0, nps: null, score: null, ci95: null, reliable: false, promoters: 0, detractors: 0 });
    // Weeks from Monday 23 Feb to Monday 30 March: 6 buckets, all empty.
    expect(body.series.map((p: { start: string }) => p.start.slice(0, 10))).toEqual([
      '2026-02-23',
      '2026-03-02',
      '2026-03-09',
      '2026-03-16',
      '2026-03-23',
      '2026-03-30',
    ]);
    expect(body.series.every((p: { n: number; score: null }) => p.n === 0 && p.score === null)).toBe(true);
  });

  // One promoter: NPS 100, SE 0 → CI [100, 100]; n 1 < 30 → not reliable.
  it('handles a single response', async () => {
    const { tps } = await createJourney(ctx, [['nps']]);
    await addResponse(ctx, tps[0][0], { score: 10, at: MID_MARCH });
    expect(await scores(ctx, { touchpointId: tps[0][0].id, ...MARCH })).toMatchObject({
      n: 1,
      nps: 100,
      ci95: [100, 100],
      reliable: false,
      promoters: 1,
    });
  });

  // 30 detractors: NPS −100, SE 0, CI [−100, −100]; n 30 = the default minimum → reliable.
  it('gives −100 for all detractors', async () => {
    const { tps } = await createJourney(ctx, [['nps']]);
    await addCounts(ctx, tps[0][0], { 0: 10, 6: 20 }, MID_MARCH);
    expect(await scores(ctx, { touchpointId: tps[0][0].id, ...MARCH })).toMatchObject({
      n: 30,
      nps: -100,
      ci95: [-100, -100],
      reliable: true,
      detractors: 30,
    });
  });

  // Previous period = February (same 31 days before 1 March: 29 Jan – 1 March).
  // 10/13/28: NPS = −1800/51 = −35.3; SE2 = 11.03; SE diff = sqrt(9.754² + 11.03²) = 14.72;
  // 1.96·14.72 = 28.9 < 86.3 → significant. 30/15/6: NPS 2400/51 = 47.1, delta 3.9 → not significant.
  it('compares with the previous period of the same length', async () => {
    const {
      tps: [[a], [b]],
    } = await createJourney(ctx, [['nps'], ['nps']]);
    for (const tp of [a, b]) await addCounts(ctx, tp, { 10: 32, 8: 13, 0: 6 }, MID_MARCH);
    await addCounts(ctx, a, { 10: 10, 8: 13, 0: 28 }, FEB);
    await addCounts(ctx, b, { 10: 30, 8: 15, 0: 6 }, FEB);
    expect((await scores(ctx, { touchpointId: a.id, ...MARCH })).previous).toMatchObject({
      score: -35.3,
      n: 51,
      delta: 86.3,
      significant: true,
    });
    expect((await scores(ctx, { touchpointId: b.id, ...MARCH })).previous).toMatchObject({
      score: 47.1,
      n: 51,
      delta: 3.9,
      significant: false,
    });
  });

  it('uses the workspace minimum n for reliable', async () => {
    const { workspaceId, apiKey } = await ctx.createWorkspace('strict-n');
    await ctx.prisma.workspace.update({ where: { id: workspaceId }, data: { minReliableN: 52 } });
    const { tps } = await createJourney(ctx, [['nps']], apiKey);
    await addCounts(ctx, tps[0][0], { 10: 32, 8: 13, 0: 6 }, MID_MARCH);
    expect(await scores(ctx, { touchpointId: tps[0][0].id, ...MARCH }, 200, apiKey)).toMatchObject({ n: 51, reliable: false });
    await addResponse(ctx, tps[0][0], { score: 9, at: MID_MARCH });
    expect(await scores(ctx, { touchpointId: tps[0][0].id, ...MARCH }, 200, apiKey)).toMatchObject({ n: 52, reliable: true });
  });
});
