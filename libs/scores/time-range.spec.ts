import { parseInstant, parseTimeRange, parseTimeZone } from './time-range';

const NOW = new Date('2026-11-22T12:34:56.789Z');

describe('parseTimeRange', () => {
  // 22 November is today: 24 October – 22 November are the 30 days, until the coming midnight.
  it('defaults to the last 30 local days including today', () => {
    const r = parseTimeRange({}, NOW);
    expect([r.since.toISOString(), r.until.toISOString(), r.tz]).toEqual(['2026-10-24T00:00:00.000Z', '2026-11-23T00:00:00.000Z', 'UTC']);
    // Stockholm (+1 in November, +2 before 25 October): 24 October 00:00 CEST = 23 October 22:00Z.
    const local = parseTimeRange({ tz: 'Europe/Stockholm' }, NOW);
    expect([local.since.toISOString(), local.until.toISOString()]).toEqual(['2026-10-23T22:00:00.000Z', '2026-11-22T23:00:00.000Z']);
    // 23:30Z on 22 November is already 23 November in Stockholm.
    const late = parseTimeRange({ tz: 'Europe/Stockholm' }, new Date('2026-11-22T23:30:00Z'));
    expect(late.until.toISOString()).toBe('2026-11-23T23:00:00.000Z');
  });

  it('defaults until to now when only since is given', () => {
    expect(parseTimeRange({ since: '2026-11-01' }, NOW).until).toEqual(NOW);
  });

  // Stockholm: 1 March 00:00 CET = 28 Feb 23:00Z; 1 July 00:00 CEST = 30 June 22:00Z.
  it('reads dates as local midnight in the zone', () => {
    const r = parseTimeRange({ since: '2026-03-01', until: '2026-07-01', tz: 'Europe/Stockholm' }, NOW);
    expect([r.since.toISOString(), r.until.toISOString()]).toEqual(['2026-02-28T23:00:00.000Z', '2026-06-30T22:00:00.000Z']);
  });

  it('takes date-times with their own offset', () => {
    expect(parseInstant('since', '2026-03-01T10:00:00+05:30', 'UTC').toISOString()).toBe('2026-03-01T04:30:00.000Z');
    expect(parseInstant('since', '2026-03-01T10:00Z', 'UTC').toISOString()).toBe('2026-03-01T10:00:00.000Z');
  });

  it('defaults since to 30 days before a given until', () => {
    expect(parseTimeRange({ until: '2026-03-31' }, NOW).since.toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });

  it.each([['2026-13-01'], ['2026-02-29'], ['2026-03-01T10:00'], ['2026-03-01 10:00Z'], ['1700000000'], ['1969-12-31'], ['3000-01-01']])(
    'rejects %s',
    (value) => {
      expect(() => parseTimeRange({ since: value, until: '2026-04-01' }, NOW)).toThrow(/since must be/);
    },
  );

  // 2020-01-01 → 2025-01-01 is 5·365 + 2 leap days = 1827 days, the most allowed.
  it('caps the range at five years', () => {
    expect(() => parseTimeRange({ since: '2020-01-01', until: '2025-01-02' }, NOW)).toThrow('at most 5 years');
    expect(parseTimeRange({ since: '2020-01-01', until: '2025-01-01' }, NOW).since.toISOString()).toBe('2020-01-01T00:00:00.000Z');
  });
});

describe('parseTimeZone', () => {
  it('canonicalises IANA names and rejects others', () => {
    expect(parseTimeZone('europe/stockholm')).toBe('Europe/Stockholm');
    expect(() => parseTimeZone('CEST+2')).toThrow('tz must be an IANA time zone');
  });
});
