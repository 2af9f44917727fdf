import { HOUR_MS, localDate, offsetAt, startOfLocalDay } from './zone-clock';

describe('offsetAt', () => {
  it('reads the offset in force at an instant', () => {
    expect(offsetAt(Date.parse('2026-01-15T12:00Z'), 'Europe/Stockholm')).toBe(HOUR_MS);
    expect(offsetAt(Date.parse('2026-07-15T12:00Z'), 'Europe/Stockholm')).toBe(2 * HOUR_MS);
    expect(offsetAt(Date.parse('2026-07-15T12:00Z'), 'America/New_York')).toBe(-4 * HOUR_MS);
    expect(offsetAt(Date.parse('2026-07-15T12:00Z'), 'Asia/Kathmandu')).toBe(5.75 * HOUR_MS);
  });

  // Stockholm changes at 01:00Z: 00:59:59.999Z is still +1, 01:00Z is +2.
  it('switches exactly at the transition, also for instants with milliseconds', () => {
    expect(offsetAt(Date.parse('2026-03-29T00:59:59.999Z'), 'Europe/Stockholm')).toBe(HOUR_MS);
    expect(offsetAt(Date.parse('2026-03-29T01:00:00.000Z'), 'Europe/Stockholm')).toBe(2 * HOUR_MS);
  });
});

describe('localDate', () => {
  // 23:30Z on 31 December is 00:30 on 1 January in Stockholm (+1) and 18:30 on the 31st in New York (−5).
  it('gives the calendar date on the local wall clock', () => {
    const t = Date.parse('2026-12-31T23:30Z');
    expect(localDate(t, 'Europe/Stockholm')).toEqual({ year: 2027, month: 1, day: 1 });
    expect(localDate(t, 'America/New_York')).toEqual({ year: 2026, month: 12, day: 31 });
  });
});

describe('startOfLocalDay', () => {
  // Day 0 of April is 31 March; 31 March 00:00 CEST = 30 March 22:00Z.
  it('rolls out-of-range days over like Date.UTC', () => {
    expect(new Date(startOfLocalDay(2026, 4, 0, 'Europe/Stockholm')).toISOString()).toBe('2026-03-30T22:00:00.000Z');
  });

  // Chile goes back from 00:00 (−3) to 23:00 (−4) at 2026-04-05T03:00Z: the 4th has 25 hours,
  // and the 5th begins at 00:00 −4 = 04:00Z, the only instant that shows 5 April 00:00.
  it('handles clocks going back over midnight (America/Santiago)', () => {
    expect(new Date(startOfLocalDay(2026, 4, 4, 'America/Santiago')).toISOString()).toBe('2026-04-04T03:00:00.000Z');
    expect(new Date(startOfLocalDay(2026, 4, 5, 'America/Santiago')).toISOString()).toBe('2026-04-05T04:00:00.000Z');
  });

  // Toronto, 1919: clocks jumped from 23:30 (−5) on 30 March to 00:30 (−4) on 31 March, at 04:30Z.
  // Midnight is inside the gap; the 31st began at the jump, 04:30Z (00:30 local), not at
  // 00:00 − (−5 h) = 05:00Z, which would already be 01:00 local.
  it('starts a day at a jump that straddles midnight (America/Toronto 1919)', () => {
    expect(new Date(startOfLocalDay(1919, 3, 31, 'America/Toronto')).toISOString()).toBe('1919-03-31T04:30:00.000Z');
  });

  // Cuba goes back from 01:00 (−4) to 00:00 (−5) on 2026-11-01, so midnight happens twice:
  // at 04:00Z and at 05:00Z. The day began at the first, 04:00Z (31 October is then 25 hours).
  it('takes the first of two midnights (America/Havana)', () => {
    expect(new Date(startOfLocalDay(2026, 11, 1, 'America/Havana')).toISOString()).toBe('2026-11-01T04:00:00.000Z');
  });
});
