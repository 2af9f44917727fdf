import { bucketRange, bucketStart, isWholeHourZone } from './time-buckets';

const at = (iso: string) => new Date(iso);
const isoOf = (dates: Date[]) => dates.map((d) => d.toISOString());
const hoursBetween = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 3_600_000;

describe('bucketStart — day', () => {
  // Stockholm is CET (+1) until 2026-03-29 02:00 local, then CEST (+2).
  // 29 March local midnight is still CET: 00:00 − 1 h = 2026-03-28T23:00Z.
  // 30 March local midnight is CEST: 00:00 − 2 h = 2026-03-29T22:00Z → the 29th lasts 23 hours.
  it('finds the 23-hour Stockholm day of the spring DST change', () => {
    const start = bucketStart(at('2026-03-29T12:00Z'), 'day', 'Europe/Stockholm');
    const next = bucketStart(at('2026-03-29T22:00Z'), 'day', 'Europe/Stockholm');
    expect(start.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(next.toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(hoursBetween(start, next)).toBe(23);
  });

  // 21:59:59.999Z on the 29th is 23:59:59.999 CEST, still the 29th.
  it('keeps the last millisecond of a local day in that day', () => {
    expect(bucketStart(at('2026-03-29T21:59:59.999Z'), 'day', 'Europe/Stockholm').toISOString()).toBe('2026-03-28T23:00:00.000Z');
  });

  // New York: EST (−5) until 2026-03-08 02:00, then EDT (−4).
  // 8 March starts 00:00 EST = 05:00Z; 04:59Z that day is 23:59 EST on the 7th (started 2026-03-07T05:00Z).
  it('handles America/New_York around its DST change', () => {
    expect(bucketStart(at('2026-03-08T04:59Z'), 'day', 'America/New_York').toISOString()).toBe('2026-03-07T05:00:00.000Z');
    expect(bucketStart(at('2026-03-09T03:59Z'), 'day', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
  });

  // Kolkata is +5:30 all year: 20:00Z on 10 March = 01:30 on 11 March local,
  // and 11 March began at 00:00 − 5:30 = 2026-03-10T18:30Z.
  it('handles a half-hour offset (Asia/Kolkata)', () => {
    expect(bucketStart(at('2026-03-10T20:00Z'), 'day', 'Asia/Kolkata').toISOString()).toBe('2026-03-10T18:30:00.000Z');
  });

  // Chile jumps from 00:00 (−4) to 01:00 (−3) on 2026-09-06: local midnight does not exist,
  // the day begins at the jump, 00:00 − (−4 h) = 04:00Z (01:00 local).
  it('starts a day whose midnight was skipped at the jump (America/Santiago)', () => {
    expect(bucketStart(at('2026-09-06T12:00Z'), 'day', 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });

  it('rejects an invalid Date or time zone', () => {
    expect(() => bucketStart(new Date(NaN), 'day', 'UTC')).toThrow('invalid Date');
    expect(() => bucketStart(at('2026-01-01Z'), 'day', 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('bucketStart — week and month', () => {
  // 2026-03-29 is a Sunday; its ISO week began Monday 23 March 00:00 CET = 2026-03-22T23:00Z.
  it('starts weeks on Monday', () => {
    expect(bucketStart(at('2026-03-29T12:00Z'), 'week', 'Europe/Stockholm').toISOString()).toBe('2026-03-22T23:00:00.000Z');
    // Monday 30 March 00:00 CEST = 2026-03-29T22:00Z starts its own week.
    expect(bucketStart(at('2026-03-29T22:00Z'), 'week', 'Europe/Stockholm').toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });

  // Friday 2027-01-01 belongs to the week of Monday 2026-12-28.
  it('crosses a year boundary back to Monday', () => {
    expect(bucketStart(at('2027-01-01T12:00Z'), 'week', 'UTC').toISOString()).toBe('2026-12-28T00:00:00.000Z');
  });

  // 31 March 22:30Z is 1 April 00:30 CEST → April began 2026-03-31T22:00Z;
  // 21:59:59.999Z is still 31 March → March began 1 March 00:00 CET = 2026-02-28T23:00Z.
  it('switches month at local midnight, not UTC midnight', () => {
    expect(bucketStart(at('2026-03-31T22:30Z'), 'month', 'Europe/Stockholm').toISOString()).toBe('2026-03-31T22:00:00.000Z');
    expect(bucketStart(at('2026-03-31T21:59:59.999Z'), 'month', 'Europe/Stockholm').toISOString()).toBe('2026-02-28T23:00:00.000Z');
  });
});

describe('bucketRange', () => {
  // since = 28 March 01:00 local → first bucket is 28 March (27th 23:00Z); then 29th (28th 23:00Z),
  // 30th (29th 22:00Z, CEST) which starts before until = 30 March 02:00 local.
  it('lists local days across the Stockholm spring change', () => {
    const days = bucketRange(at('2026-03-28T00:00Z'), at('2026-03-30T00:00Z'), 'day', 'Europe/Stockholm');
    expect(isoOf(days)).toEqual(['2026-03-27T23:00:00.000Z', '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
    expect(hoursBetween(days[0], days[1])).toBe(24);
    expect(hoursBetween(days[1], days[2])).toBe(23);
  });

  // Autumn: 25 October 2026 starts 00:00 CEST = 24th 22:00Z, 26th starts 00:00 CET = 25th 23:00Z → 25 hours.
  it('has a 25-hour day at the Stockholm autumn change', () => {
    const [, day25, day26] = bucketRange(at('2026-10-24T12:00Z'), at('2026-10-26T12:00Z'), 'day', 'Europe/Stockholm');
    expect(hoursBetween(day25, day26)).toBe(25);
  });

  // New York, 1 November 2026: 00:00 EDT = 04:00Z, 2 November 00:00 EST = 05:00Z → 25 hours.
  it('has a 25-hour day at the New York autumn change', () => {
    expect(isoOf(bucketRange(at('2026-11-01T12:00Z'), at('2026-11-02T12:00Z'), 'day', 'America/New_York'))).toEqual([
      '2026-11-01T04:00:00.000Z',
      '2026-11-02T05:00:00.000Z',
    ]);
  });

  // Weeks from Monday 23 March (CET, 22nd 23:00Z), 30 March and 6 April (CEST, 22:00Z the day before);
  // the first week lasts 7·24 − 1 = 167 hours.
  it('lists ISO weeks across a DST change', () => {
    const weeks = bucketRange(at('2026-03-25Z'), at('2026-04-07Z'), 'week', 'Europe/Stockholm');
    expect(isoOf(weeks)).toEqual(['2026-03-22T23:00:00.000Z', '2026-03-29T22:00:00.000Z', '2026-04-05T22:00:00.000Z']);
    expect(hoursBetween(weeks[0], weeks[1])).toBe(167);
  });

  // January–March start at 23:00Z the day before (CET); April at 22:00Z (CEST), which is
  // before until = 1 April 02:00 local, so April is included as a partial bucket.
  it('lists months, including partial first and last buckets', () => {
    expect(isoOf(bucketRange(at('2026-01-15Z'), at('2026-04-01T00:00Z'), 'month', 'Europe/Stockholm'))).toEqual([
      '2025-12-31T23:00:00.000Z',
      '2026-01-31T23:00:00.000Z',
      '2026-02-28T23:00:00.000Z',
      '2026-03-31T22:00:00.000Z',
    ]);
  });

  it('rolls months over the year end (America/New_York, EST −5)', () => {
    expect(isoOf(bucketRange(at('2026-12-15Z'), at('2027-01-15Z'), 'month', 'America/New_York'))).toEqual([
      '2026-12-01T05:00:00.000Z',
      '2027-01-01T05:00:00.000Z',
    ]);
  });

  it('excludes a bucket starting exactly at until', () => {
    expect(isoOf(bucketRange(at('2026-03-28T23:00Z'), at('2026-03-29T22:00Z'), 'day', 'Europe/Stockholm'))).toEqual([
      '2026-03-28T23:00:00.000Z',
    ]);
  });

  it('is empty when since is not before until', () => {
    expect(bucketRange(at('2026-03-02Z'), at('2026-03-02Z'), 'day', 'UTC')).toEqual([]);
    expect(bucketRange(at('2026-03-03Z'), at('2026-03-02Z'), 'day', 'UTC')).toEqual([]);
  });

  // Samoa skipped 30 December 2011 (29th 23:59:59 −10 → 31st 00:00 +14 at 2011-12-30T10:00Z).
  // The 30th has no instant of its own, so it must not produce a duplicate bucket.
  it('lists a skipped local day only once (Pacific/Apia)', () => {
    expect(isoOf(bucketRange(at('2011-12-29T12:00Z'), at('2011-12-31T12:00Z'), 'day', 'Pacific/Apia'))).toEqual([
      '2011-12-29T10:00:00.000Z',
      '2011-12-30T10:00:00.000Z',
      '2011-12-31T10:00:00.000Z',
    ]);
  });
});

describe('isWholeHourZone', () => {
  it('is true for zones with whole-hour offsets across DST', () => {
    expect(isWholeHourZone('Europe/Stockholm', at('2026-01-01Z'), at('2027-01-01Z'))).toBe(true);
    expect(isWholeHourZone('America/New_York', at('2026-01-01Z'), at('2027-01-01Z'))).toBe(true);
  });

  it('is false for half- and quarter-hour zones', () => {
    expect(isWholeHourZone('Asia/Kolkata', at('2026-01-01Z'), at('2026-01-02Z'))).toBe(false);
    expect(isWholeHourZone('Asia/Kathmandu', at('2026-01-01Z'), at('2026-01-02Z'))).toBe(false);
  });

  // Lord Howe is +11 in summer and +10:30 from 2026-04-05 02:00 local = 2026-04-04T15:00Z.
  it('depends on the range for a zone that is whole-hour only part of the year', () => {
    expect(isWholeHourZone('Australia/Lord_Howe', at('2026-12-01Z'), at('2027-01-01Z'))).toBe(true);
    expect(isWholeHourZone('Australia/Lord_Howe', at('2026-03-01Z'), at('2026-05-01Z'))).toBe(false);
  });

  // The daily samples from 1 March 00:00Z never land on 4 April 15:00Z; only the last
  // instant of the range does, when until is one millisecond past the change.
  it('checks the last instant of the range, which is exclusive', () => {
    expect(isWholeHourZone('Australia/Lord_Howe', at('2026-03-01Z'), at('2026-04-04T15:00:00.000Z'))).toBe(true);
    expect(isWholeHourZone('Australia/Lord_Howe', at('2026-03-01Z'), at('2026-04-04T15:00:00.001Z'))).toBe(false);
  });
});

describe('bucketRange and isWholeHourZone — range edges', () => {
  it('is empty for an empty or reversed range, even when it starts inside a bucket', () => {
    expect(bucketRange(at('2026-03-02T10:00Z'), at('2026-03-02T10:00Z'), 'day', 'UTC')).toEqual([]);
    expect(bucketRange(at('2026-03-02T12:00Z'), at('2026-03-02T06:00Z'), 'day', 'UTC')).toEqual([]);
  });

  // Lord Howe is +11 (whole hours) in its summer and +10:30 from April to October:
  // a range from January to December starts and ends at +11, so only the days between show the half hour.
  it('samples every day of the range, not only its ends', () => {
    expect(isWholeHourZone('Australia/Lord_Howe', at('2026-01-15Z'), at('2026-12-15Z'))).toBe(false);
  });
});
