import { candidateObjects, parseSegments, personaFilters } from './property-filter';

describe('parseSegments', () => {
  it('reads segment.<property> keys, a repeated one as alternatives', () => {
    expect(parseSegments({ 'segment.plan': ['pro', 'free'], 'segment.region': 'nordics', metric: 'nps' })).toEqual([
      { property: 'plan', values: ['pro', 'free'] },
      { property: 'region', values: ['nordics'] },
    ]);
  });

  it('keeps dots after the prefix as part of the property name', () => {
    expect(parseSegments({ 'segment.address.city': 'Malmö' })).toEqual([{ property: 'address.city', values: ['Malmö'] }]);
  });

  it('rejects empty names and values and too many filters', () => {
    expect(() => parseSegments({ 'segment.': 'x' })).toThrow('property name');
    expect(() => parseSegments({ 'segment.plan': '' })).toThrow('needs a value');
    const many = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`segment.p${i}`, 'x']));
    expect(() => parseSegments(many)).toThrow('At most 10');
  });
});

describe('candidateObjects', () => {
  it('matches a query-string value as a string and as the JSON number or boolean it spells', () => {
    expect(candidateObjects({ property: 'seats', values: ['10'] })).toEqual(['{"seats":"10"}', '{"seats":10}']);
    expect(candidateObjects({ property: 'vip', values: ['true'] })).toEqual(['{"vip":"true"}', '{"vip":true}']);
    // "010" and "1e3" are not how JSON would print a number: strings only.
    expect(candidateObjects({ property: 'code', values: ['010', '1e3'] })).toEqual(['{"code":"010"}', '{"code":"1e3"}']);
  });

  it('matches persona values typed or as text', () => {
    expect(personaFilters({ seats: 10, vip: false }).map(candidateObjects)).toEqual([
      ['{"seats":10}', '{"seats":"10"}'],
      ['{"vip":false}', '{"vip":"false"}'],
    ]);
  });
});
