import { answerMonths, answersDatedSql } from './answer-months';

/** The smallest uuidv7 of a millisecond, as cairn_history.month_id writes a partition's bound. */
const bound = (iso: string) => {
  const hex = Date.parse(iso).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8)}-0000-0000-000000000000`;
};

describe('answerMonths', () => {
  // [why, from, to, first month, the month after the last]
  it.each([
    ['an hour in mid-November: November only', '2026-11-15T10:00:00Z', '2026-11-15T11:00:00Z', '2026-11-01', '2026-12-01'],
    // An answer dated 1 November 00:00:00.2 may have an id of 31 October 23:59:59.9.
    ['its first day: October too', '2026-11-01T10:00:00Z', '2026-11-01T11:00:00Z', '2026-10-01', '2026-12-01'],
    [
      'its last day, the range ending at midnight (exclusive): December too',
      '2026-11-30T22:00:00Z',
      '2026-12-01T00:00:00Z',
      '2026-11-01',
      '2027-01-01',
    ],
    [
      '28 February 2027 ends its month: March too; a year, every month of it',
      '2026-03-10T00:00:00Z',
      '2027-02-28T12:00:00Z',
      '2026-03-01',
      '2027-04-01',
    ],
  ])('spans the months of the range, a day either side, as partition bounds: %s', (_, from, to, first, after) => {
    expect(answerMonths(Date.parse(from), Date.parse(to))).toEqual({ lo: bound(`${first}T00:00:00Z`), hi: bound(`${after}T00:00:00Z`) });
  });

  it('keeps to what 48 bits of milliseconds hold', () => {
    expect(answerMonths(0, 1000).lo).toBe('00000000-0000-0000-0000-000000000000');
    expect(answerMonths(0, 2 ** 50).hi).toBe('ffffffff-ffff-0000-0000-000000000000');
  });
});

describe('answersDatedSql', () => {
  it('is the table itself without months, and with them the months by id and the rest of the default partition', () => {
    expect(answersDatedSql(null).text).toBe('responses');
    // Written in, not bound (see answersDatedSql), and quoted as any literal is.
    const sql = answersDatedSql({ lo: "0190-a'", hi: '0191-b' });
    expect(sql.text.replace(/\s+/g, ' ')).toBe(
      "(SELECT * FROM responses WHERE id >= '0190-a''' AND id < '0191-b' UNION ALL " +
        "SELECT * FROM cairn_history.responses_default WHERE id < '0190-a''' OR id >= '0191-b')",
    );
    expect(sql.values).toEqual([]);
  });
});
