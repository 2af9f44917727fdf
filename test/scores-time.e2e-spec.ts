import { RollupRepository } from '@cairn/scoring';
import { addCounts, addResponse, createJourney, editResponse, scores } from './scores-fixtures';
import { startTestApi, TestContext } from './utils/test-app';

type Point = { start: string; n: number; score: number | null };
const ns = (series: Point[]) => series.map((p) => [p.start, p.n]);

describe('GET /api/v1/scores — time zones, buckets and edits', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await startTestApi();
  });
  afterAll(() => ctx.close());

  // Summer (CEST, +2): 10 June 21:59Z is 23:59 on the 10th, 22:30Z is 00:30 on the 11th.
  // Stockholm days: 10 June = [9th 22:00Z, 10th 22:00Z), 11 June = [10th 22:00Z, 11th 22:00Z).
  // 11 June 22:30Z is already 12 June in Stockholm (outside the range) but still 11 June in UTC.
  it('counts 22:30 UTC on the next day in Europe/Stockholm', async () => {
    const {
      tps: [[tp]],
    } = await createJourney(ctx, [['nps']]);
    await addResponse(ctx, tp, { score: 10, at: '2026-06-10T21:59:00Z' });
    await addResponse(ctx, tp, { score: 0, at: '2026-06-10T22:30:00Z' });
    await addResponse(ctx, tp, { score: 8, at: '2026-06-11T22:30:00Z' });
    const range = { touchpointId: tp.id, since: '2026-06-10', until: '2026-06-12', interval: 'day' };

    const local = await scores(ctx, { ...range, tz: 'Europe/Stockholm' });
    expect(local).toMatchObject({ since: '2026-06-09T22:00:00.000Z', until: '2026-06-11T22:00:00.000Z', tz: 'Europe/Stockholm', n: 2 });
    expect(local.series).toMatchObject([
      { start: '2026-06-09T22:00:00.000Z', n: 1, score: 100 },
      { start: '2026-06-10T22:00:00.000Z', n: 1, score: -100 },
    ]);

    const utc = await scores(ctx, range);
    expect(ns(utc.series)).toEqual([
      ['2026-06-10T00:00:00.000Z', 2],
      ['2026-06-11T00:00:00.000Z', 1],
    ]);
    expect(utc.n).toBe(3);
  });

  // 31 March 22:30Z = 1 April 00:30 CEST → April; 21:30Z = 23:30 on 31 March → March.
  it('switches month at local midnight across the spring DST change', async () => {
    const {
      tps: [[tp]],
    } = await createJourney(ctx, [['csat']]);
    await addResponse(ctx, tp, { score: 5, at: '2026-03-31T21:30:00Z' });
    await addResponse(ctx, tp, { score: 1, at: '2026-03-31T22:30:00Z' });
    const body = await scores(ctx, {
      touchpointId: tp.id,
      since: '2026-03-01',
      until: '2026-05-01',
      interval: 'month',
      tz: 'Europe/Stockholm',
    });
    expect(body.series).toMatchObject([
      { start: '2026-02-28T23:00:00.000Z', n: 1, score: 100 },
      { start: '2026-03-31T22:00:00.000Z', n: 1, score: 0 },
    ]);
  });

  // Asia/Kolkata is +5:30: local days start at 18:30Z, in the middle of a UTC hour.
  // 18:15Z = 23:45 on the 10th, 18:45Z = 00:15 on the 11th.
  it('splits days at half hours in a non-whole-hour zone (Asia/Kolkata)', async () => {
    const {
      tps: [[tp]],
    } = await createJourney(ctx, [['ces']]);
    await addCounts(ctx, tp, { 7: 2 }, '2026-06-10T18:15:00Z');
    await addCounts(ctx, tp, { 1: 3 }, '2026-06-10T18:45:00Z');
    await addCounts(ctx, tp, { 4: 1 }, '2026-06-10T12:00:00Z');
    const body = await scores(ctx, { touchpointId: tp.id, since: '2026-06-10', until: '2026-06-12', interval: 'day', tz: 'Asia/Kolkata' });
    // 10th: 7, 7, 4 → mean 6; 11th: 1, 1, 1 → mean 1.
    expect(body.series).toMatchObject([
      { start: '2026-06-09T18:30:00.000Z', n: 3, score: 6 },
      { start: '2026-06-10T18:30:00.000Z', n: 3, score: 1 },
    ]);
    expect(body).toMatchObject({ n: 6, mean: 3.5 });
  });

  // since 10:20, until 12:40 → previous period [08:00, 10:20). Inside: 10:25 (raw edge), 11:30 (hourly),
  // 12:35 (raw edge). Outside: 08:00 and 10:10 (previous period), 12:45 (after), 07:59 (before the previous period).
  it('counts ranges that do not start or end on a whole hour exactly', async () => {
    const {
      tps: [[tp]],
    } = await createJourney(ctx, [['nps']]);
    for (const at of ['07:59', '08:00', '10:10', '10:25', '11:30', '12:35', '12:45']) {
      await addResponse(ctx, tp, { score: 9, at: `2026-06-10T${at}:00Z` });
    }
    const body = await scores(ctx, { touchpointId: tp.id, since: '2026-06-10T10:20:00Z', until: '2026-06-10T12:40:00Z' });
    expect(body.n).toBe(3);
    expect(body.previous).toMatchObject({ since: '2026-06-10T08:00:00.000Z', until: '2026-06-10T10:20:00.000Z', n: 2 });
    // The only daily bucket starts at midnight, before since: a partial bucket still holds only the range.
    expect(ns(body.series)).toEqual([['2026-06-10T00:00:00.000Z', 3]]);
  });

  // Over several days: [09th 10:20, 12th 12:40) reads raw minutes, hours up to midnight, whole days, hours, raw minutes.
  it('counts multi-day ranges with partial hours at both ends exactly', async () => {
    const {
      tps: [[tp]],
    } = await createJourney(ctx, [['csat']]);
    const at = [
      '2026-06-09T10:19:59Z',
      '2026-06-09T10:20:00Z',
      '2026-06-09T10:59:00Z',
      '2026-06-09T23:30:00Z',
      '2026-06-10T00:00:00Z',
      '2026-06-11T23:59:59Z',
      '2026-06-12T12:00:00Z',
      '2026-06-12T12:39:59Z',
      '2026-06-12T12:40:00Z',
    ];
    for (const [i, t] of at.entries()) await addResponse(ctx, tp, { score: i % 2 === 0 ? 5 : 1, at: t });
    const body = await scores(ctx, { touchpointId: tp.id, since: '2026-06-09T10:20:00Z', until: '2026-06-12T12:40:00Z', interval: 'day' });
    // In: indexes 1–7 → scores 1, 5, 1, 5, 1, 5, 1 → 3 of 7 satisfied = 42.9%.
    expect(body).toMatchObject({ n: 7, satisfied: 3, csat: 42.9 });
    expect(ns(body.series)).toEqual([
      ['2026-06-09T00:00:00.000Z', 3],
      ['2026-06-10T00:00:00.000Z', 1],
      ['2026-06-11T00:00:00.000Z', 1],
      ['2026-06-12T00:00:00.000Z', 2],
    ]);
    expect(body.previous.n).toBe(1);
  });

  it('accepts offsets in since/until and a date-only value in the zone', async () => {
    const {
      tps: [[tp]],
    } = await createJourney(ctx, [['nps']]);
    await addResponse(ctx, tp, { score: 9, at: '2026-01-15T23:30:00Z' });
    const body = await scores(ctx, {
      touchpointId: tp.id,
      since: '2026-01-16T00:00:00+01:00',
      until: '2026-01-17',
      tz: 'Europe/Stockholm',
    });
    expect(body).toMatchObject({ since: '2026-01-15T23:00:00.000Z', until: '2026-01-16T23:00:00.000Z', n: 1 });
  });

  // Promoter → detractor: NPS of [10, 10, 9] = 100; after editing one 10 to 3: (2 − 1)/3 = 33.3.
  // Back to passive 7: (1 − 0)/3 = 33.3 with 1 passive. The answer stays on its day.
  it('moves an edited response between score buckets and keeps it on its day', async () => {
    const {
      tps: [[tp]],
    } = await createJourney(ctx, [['nps']]);
    const id = await addResponse(ctx, tp, { score: 10, at: '2026-06-11T09:00:00Z' });
    await addCounts(ctx, tp, { 10: 1, 9: 1 }, '2026-06-10T09:00:00Z');
    const q = { touchpointId: tp.id, since: '2026-06-10', until: '2026-06-12', interval: 'day' };
    expect(await scores(ctx, q)).toMatchObject({ nps: 100, promoters: 3, detractors: 0 });

    await editResponse(ctx, id, 3);
    const edited = await scores(ctx, q);
    expect(edited).toMatchObject({ n: 3, nps: 33.3, promoters: 2, detractors: 1, passives: 0 });
    expect(edited.series).toMatchObject([
      { n: 2, score: 100 },
      { n: 1, score: -100 },
    ]);

    await editResponse(ctx, id, 7);
    expect(await scores(ctx, q)).toMatchObject({ n: 3, nps: 66.7, promoters: 2, detractors: 0, passives: 1 });
    await ctx.app.get(RollupRepository).foldAll();
    const hourly = await ctx.prisma.scoreRollup.findMany({ where: { touchpointId: tp.id, bucket: new Date('2026-06-11T09:00:00Z') } });
    expect(hourly.filter((r) => r.count !== 0).map((r) => [r.score, r.count])).toEqual([[7, 1]]);
  });
});
