import { uuid7 } from './uuid7';

describe('uuid7', () => {
  it('is an RFC 9562 version 7 UUID whose first 48 bits are the given millisecond', () => {
    const at = Date.UTC(2026, 11, 3, 7, 30, 0, 123);
    const id = uuid7(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('sorts by time as text, and ids of one millisecond differ', () => {
    const at = Date.UTC(2026, 0, 1);
    const earlier = Array.from({ length: 50 }, () => uuid7(at));
    const later = uuid7(at + 1);
    expect(new Set(earlier).size).toBe(50);
    for (const id of earlier) expect(id < later).toBe(true);
    expect(uuid7(0)).toMatch(/^00000000-0000-7/);
  });

  it('keeps 74 random bits: over many ids every random hex digit takes many values', () => {
    const ids = Array.from({ length: 2000 }, () => uuid7(1).replace(/-/g, ''));
    // Hex digits 13-31, less the variant digit (16), are random.
    for (const position of [13, 14, 15, 17, 20, 31]) {
      expect(new Set(ids.map((id) => id[position])).size).toBeGreaterThan(12);
    }
    expect(new Set(ids.map((id) => id[16]))).toEqual(new Set(['8', '9', 'a', 'b']));
  });

  it('holds any time to what 48 bits of milliseconds say (imports pass times from elsewhere)', () => {
    const time = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(time(uuid7(-5))).toBe(0);
    expect(time(uuid7(2 ** 50))).toBe(2 ** 48 - 1);
    expect(time(uuid7(Number.NaN))).toBe(0);
    expect(time(uuid7(1234.9))).toBe(1234);
  });
});
