import { mergeProperties, propertiesProblem } from './person-properties';

describe('person properties', () => {
  it('accepts flat maps of strings, numbers, booleans and nulls', () => {
    expect(propertiesProblem({ plan: 'pro', seats: 5, vip: true, gone: null })).toBeNull();
    expect(propertiesProblem({})).toBeNull();
  });

  it('says what is wrong with anything else', () => {
    expect(propertiesProblem([])).toBe('must be an object');
    expect(propertiesProblem('x')).toBe('must be an object');
    expect(propertiesProblem({ nested: { a: 1 } })).toContain('"nested" must be');
    expect(propertiesProblem({ n: Number.NaN })).toContain('"n" must be');
    expect(propertiesProblem({ long: 'x'.repeat(1001) })).toContain('"long" must be');
    expect(propertiesProblem({ ['k'.repeat(101)]: 1 })).toContain('keys must be');
    expect(propertiesProblem(Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, i])))).toContain('at most 100');
  });

  it('merges updates, removing keys set to null', () => {
    expect(mergeProperties({ plan: 'basic', region: 'eu' }, { plan: 'pro', region: null, seats: 3 })).toEqual({ plan: 'pro', seats: 3 });
    expect(mergeProperties(null, { a: 1 })).toEqual({ a: 1 });
  });
});
