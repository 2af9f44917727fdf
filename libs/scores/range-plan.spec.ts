import { type Piece, planPieces } from './range-plan';

const t = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString().replace(':00.000Z', 'Z');
const show = (pieces: Piece[]) => pieces.map((p) => `${p.sign < 0 ? '−' : '+'}${p.level} ${iso(p.from)} ${iso(p.to)}`);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SIZE = { hour: HOUR, day: DAY, week: 7 * DAY };

/** How many times the pieces count instant `at` (added minus subtracted). */
function coverage(pieces: Piece[], at: number): number {
  return pieces.reduce((sum, p) => (at >= p.from && at < p.to ? sum + p.sign : sum), 0);
}

describe('planPieces', () => {
  // Days: 1 March 14:23 → 02:00… The 37 minutes before 15:00 are more than half an hour,
  // so the hour 14:00–15:00 is read whole and 14:00–14:23 subtracted from raw rows.
  it('reads whole units from rollups and only leftover minutes from raw rows', () => {
    expect(show(planPieces([{ key: 1, from: t('2026-03-01T14:23Z'), to: t('2026-03-04T02:10Z') }]))).toEqual([
      '+hour 2026-03-01T14:00Z 2026-03-02T00:00Z',
      '−raw 2026-03-01T14:00Z 2026-03-01T14:23Z',
      '+day 2026-03-02T00:00Z 2026-03-04T00:00Z',
      '+hour 2026-03-04T00:00Z 2026-03-04T02:00Z',
      '+raw 2026-03-04T02:00Z 2026-03-04T02:10Z',
    ]);
  });

  // Sunday 1 March 14:23 → Friday 20 March 02:10: the ISO weeks of 2 and 9 March are whole. The
  // 4 days 2 hours of the week of 16 March are more than half of it: that week minus 20–23 March
  // (itself more than half of the 20th missing: the days minus the 20th's first 2 h 10 min).
  it('reads whole ISO weeks (Monday 00:00 UTC) from weekly rows', () => {
    expect(show(planPieces([{ key: 3, from: t('2026-03-01T14:23Z'), to: t('2026-03-20T02:10Z') }]))).toEqual([
      '+hour 2026-03-01T14:00Z 2026-03-02T00:00Z',
      '−raw 2026-03-01T14:00Z 2026-03-01T14:23Z',
      '+week 2026-03-02T00:00Z 2026-03-23T00:00Z',
      '−day 2026-03-20T00:00Z 2026-03-23T00:00Z',
      '+hour 2026-03-20T00:00Z 2026-03-20T02:00Z',
      '+raw 2026-03-20T02:00Z 2026-03-20T02:10Z',
    ]);
  });

  // A Stockholm winter day (23:00Z → 23:00Z): one hour before UTC midnight, then the UTC day
  // minus its last hour — 2 hourly reads instead of 24.
  it('reads a local day that straddles UTC midnight as a UTC day plus and minus an hour', () => {
    expect(show(planPieces([{ key: 0, from: t('2026-01-14T23:00Z'), to: t('2026-01-15T23:00Z') }]))).toEqual([
      '+hour 2026-01-14T23:00Z 2026-01-15T00:00Z',
      '+day 2026-01-15T00:00Z 2026-01-16T00:00Z',
      '−hour 2026-01-15T23:00Z 2026-01-16T00:00Z',
    ]);
  });

  // Asia/Kolkata midnight is 18:30Z: the half hours at both ends come from raw rows. The 18.5 hours
  // of 15 January are read as the UTC day minus 18:30–24:00.
  it('reads half-hour edges of a non-whole-hour zone from raw rows', () => {
    expect(show(planPieces([{ key: 2, from: t('2026-01-14T18:30Z'), to: t('2026-01-15T18:30Z') }]))).toEqual([
      '+raw 2026-01-14T18:30Z 2026-01-14T19:00Z',
      '+hour 2026-01-14T19:00Z 2026-01-15T00:00Z',
      '+day 2026-01-15T00:00Z 2026-01-16T00:00Z',
      '−raw 2026-01-15T18:30Z 2026-01-15T19:00Z',
      '−hour 2026-01-15T19:00Z 2026-01-16T00:00Z',
    ]);
  });

  it('keeps a short range inside one hour raw, takes a long one as the hour minus its ends, skips empty ranges', () => {
    expect(show(planPieces([{ key: 0, from: t('2026-01-14T10:05Z'), to: t('2026-01-14T10:25Z') }]))).toEqual([
      '+raw 2026-01-14T10:05Z 2026-01-14T10:25Z',
    ]);
    expect(show(planPieces([{ key: 0, from: t('2026-01-14T10:05Z'), to: t('2026-01-14T10:55Z') }]))).toEqual([
      '+hour 2026-01-14T10:00Z 2026-01-14T11:00Z',
      '−raw 2026-01-14T10:00Z 2026-01-14T10:05Z',
      '−raw 2026-01-14T10:55Z 2026-01-14T11:00Z',
    ]);
    expect(planPieces([{ key: 1, from: t('2026-01-14T11:00Z'), to: t('2026-01-14T11:00Z') }])).toEqual([]);
  });

  it('counts every instant of random ranges exactly once, with pieces aligned to their level', () => {
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 400; i++) {
      const from = t('2025-01-01Z') + Math.floor(next() * 400 * DAY);
      const to = from + Math.floor(next() * (i % 2 ? 60 * DAY : 3 * HOUR));
      const pieces = planPieces([{ key: i, from, to }]);
      for (const p of pieces) {
        expect(p.to).toBeGreaterThan(p.from);
        if (p.level === 'raw') continue;
        const offset = p.level === 'week' ? 4 * DAY : 0;
        expect([(p.from - offset) % SIZE[p.level], (p.to - offset) % SIZE[p.level]]).toEqual([0, 0]);
      }
      const probes = [from - 1, from, from + 1, to - 1, to, to + 1, ...pieces.flatMap((p) => [p.from - 1, p.from, p.to - 1, p.to])];
      for (let k = 0; k < 50; k++) probes.push(from - DAY + Math.floor(next() * (to - from + 2 * DAY)));
      for (const at of probes) expect([at, coverage(pieces, at)]).toEqual([at, at >= from && at < to ? 1 : 0]);
    }
  });

  it('reads everything raw when asked (segment filters)', () => {
    expect(show(planPieces([{ key: 0, from: t('2026-01-01Z'), to: t('2026-02-01Z') }], { rawOnly: true }))).toEqual([
      '+raw 2026-01-01T00:00Z 2026-02-01T00:00Z',
    ]);
  });
});
