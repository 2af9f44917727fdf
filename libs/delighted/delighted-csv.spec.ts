import { parseDelightedCsv, parseTimestamp } from './delighted-csv';

describe('Delighted CSV export', () => {
  it('reads known columns by name and keeps the rest as properties', () => {
    const csv = [
      'Response ID,Score,Comment,Name,Email,Response Timestamp,Survey Type,Permalink,Plan,Country',
      '101,9,"Great, thanks",Ada,ADA@example.com,2024-03-01 10:00:00 UTC,NPS,https://app.delighted.com/r/x,pro,SE',
      '102,3,,,,1709287200,nps,,,',
    ].join('\n');
    const { rows, errors } = parseDelightedCsv(csv);
    expect(errors).toEqual([]);
    expect(rows[0]).toEqual({
      line: 2,
      externalId: '101',
      score: 9,
      comment: 'Great, thanks',
      email: 'ada@example.com',
      name: 'Ada',
      surveyType: 'nps',
      personId: null,
      tags: [],
      additionalAnswers: [],
      trend: null,
      createdAt: new Date('2024-03-01T10:00:00Z'),
      properties: { Plan: 'pro', Country: 'SE' },
    });
    expect(rows[1]).toMatchObject({
      externalId: '102',
      score: 3,
      comment: null,
      email: null,
      createdAt: new Date(1709287200 * 1000),
      properties: {},
    });
  });

  it('reports bad rows with their line and keeps the good ones', () => {
    const csv = 'id,score,created_at\n1,ten,2024-03-01\n2,7,yesterday\n3,8,2024-03-01T09:30:00+01:00\n';
    const { rows, errors } = parseDelightedCsv(csv);
    expect(errors).toEqual([
      { line: 2, error: 'score "ten" is not a whole number' },
      { line: 3, error: 'timestamp "yesterday" is not a date' },
    ]);
    expect(rows.map((r) => [r.line, r.createdAt.toISOString()])).toEqual([[4, '2024-03-01T08:30:00.000Z']]);
  });

  it('understands the timestamp forms spreadsheets produce', () => {
    expect(parseTimestamp('2024-03-01 10:00:00 -0800')?.toISOString()).toBe('2024-03-01T18:00:00.000Z');
    expect(parseTimestamp('2024-03-01')?.toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(parseTimestamp('2024-03-01T10:00')?.toISOString()).toBe('2024-03-01T10:00:00.000Z');
    expect(parseTimestamp('03/01/2024')).toBeNull();
    expect(parseTimestamp('')).toBeNull();
  });
});
