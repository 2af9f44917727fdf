import { segmentFilterSql } from './score-counts.repository';

describe('segmentFilterSql', () => {
  it('adds one condition per filter on the alias’s property snapshot, with the candidates as a parameter', () => {
    const sql = segmentFilterSql('s', [
      { property: 'plan', values: ['pro'] },
      { property: 'seats', values: ['10'] },
    ]);
    expect(sql.text).toBe('AND s.person_properties @> ANY($1::jsonb[]) AND s.person_properties @> ANY($2::jsonb[])');
    expect(sql.values).toEqual([['{"plan":"pro"}'], ['{"seats":"10"}', '{"seats":10}']]);
  });

  it('is empty without filters and refuses an alias that is not a plain identifier', () => {
    expect(segmentFilterSql('r', []).text).toBe('');
    expect(() => segmentFilterSql('r; DROP TABLE responses', [])).toThrow('not a table alias');
  });
});
