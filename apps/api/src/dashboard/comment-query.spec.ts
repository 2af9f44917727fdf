import { parseCommentQuery, scoresOfBand } from './comment-query';

describe('comment query', () => {
  const now = new Date('2026-06-01T12:00:00Z');

  it('maps bands to the score values of each metric', () => {
    expect(scoresOfBand('nps', 'low')).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(scoresOfBand('nps', 'mid')).toEqual([7, 8]);
    expect(scoresOfBand('nps', 'high')).toEqual([9, 10]);
    expect(scoresOfBand('csat', 'low')).toEqual([1, 2]);
    expect(scoresOfBand('csat', 'high')).toEqual([4, 5]);
    expect(scoresOfBand('ces', 'mid')).toEqual([4]);
    expect(scoresOfBand('ces', 'high')).toEqual([5, 6, 7]);
  });

  it('reads range, band, text, limit and segments', () => {
    const q = parseCommentQuery(
      {
        touchpointId: 'tp',
        metric: 'nps',
        band: 'low',
        q: '  late ',
        since: '2026-05-01',
        until: '2026-06-01',
        tz: 'Europe/Stockholm',
        'segment.plan': 'pro',
      },
      now,
    );
    expect(q).toMatchObject({
      touchpointId: 'tp',
      metric: 'nps',
      scores: [0, 1, 2, 3, 4, 5, 6],
      text: 'late',
      limit: 20,
      segments: [{ property: 'plan', values: ['pro'] }],
    });
    expect(q.since.toISOString()).toBe('2026-04-30T22:00:00.000Z');
  });

  it('refuses what it cannot read', () => {
    const bad: Array<Record<string, unknown>> = [
      {},
      { touchpointId: 'tp', band: 'low' },
      { touchpointId: 'tp', metric: 'stars' },
      { touchpointId: 'tp', metric: 'nps', band: 'worst' },
      { touchpointId: 'tp', limit: '0' },
      { touchpointId: 'tp', limit: '2.5' },
      { touchpointId: ['a', 'b'] },
      { touchpointId: 'tp', colour: 'red' },
    ];
    for (const query of bad) expect(() => parseCommentQuery(query, now)).toThrow();
  });
});
