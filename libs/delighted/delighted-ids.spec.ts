import { delightedIdOf, parseRowRef } from './delighted-ids';

describe('Delighted ids', () => {
  it('reads numeric ids as compat ids and UUIDs as Cairn ids, refusing anything else', () => {
    expect(parseRowRef('36374281')).toEqual({ compatId: 36374281n });
    expect(parseRowRef(36374281)).toEqual({ compatId: 36374281n });
    expect(parseRowRef('36374281.json')).toEqual({ compatId: 36374281n });
    expect(parseRowRef('0196E0A2-1111-7000-8000-000000000001')).toEqual({ id: '0196e0a2-1111-7000-8000-000000000001' });
    expect(parseRowRef('abc')).toBeNull();
    expect(parseRowRef('1'.repeat(19))).toBeNull();
    expect(parseRowRef(undefined)).toBeNull();
  });

  it('keeps only numeric Delighted ids from an import', () => {
    expect(delightedIdOf(' 1234 ')).toBe(1234n);
    expect(delightedIdOf('r-12')).toBeNull();
    expect(delightedIdOf('')).toBeNull();
  });
});
