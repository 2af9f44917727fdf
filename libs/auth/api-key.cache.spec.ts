import { ApiKeyCache } from './api-key.cache';

describe('ApiKeyCache', () => {
  let now = 0;
  const key = (id: string) => ({ id });
  const cache = (ttlMs = 5_000, max = 100) => new ApiKeyCache<{ id: string }>(ttlMs, max, () => now);
  beforeEach(() => (now = 1_000));

  it('answers a key for ttlMs after it was read, then not', () => {
    const c = cache();
    c.set('h', key('k1'), c.version());
    expect(c.get('h')).toEqual({ id: 'k1' });
    now += 4_999;
    expect(c.get('h')).toEqual({ id: 'k1' });
    now += 1;
    expect(c.get('h')).toBeNull();
    expect(c.get('unknown')).toBeNull();
  });

  it('forgets a revoked key at once, under every hash it was kept', () => {
    const c = cache();
    c.set('h1', key('k1'), c.version());
    c.set('h2', key('k2'), c.version());
    c.forget('k1');
    expect(c.get('h1')).toBeNull();
    expect(c.get('h2')).toEqual({ id: 'k2' });
  });

  it('does not keep a key whose read started before a revocation', () => {
    const c = cache();
    const version = c.version(); // a request starts reading the key...
    c.forget('k1'); // ...the key is revoked meanwhile...
    c.set('h1', key('k1'), version); // ...and the read, from before, comes back
    expect(c.get('h1')).toBeNull();
  });

  it('starts over when full instead of growing', () => {
    const c = cache(5_000, 2);
    c.set('h1', key('k1'), c.version());
    c.set('h2', key('k2'), c.version());
    c.set('h2', key('k2'), c.version()); // a refresh of a kept key does not count as new
    expect(c.get('h1')).toEqual({ id: 'k1' });
    c.set('h3', key('k3'), c.version());
    expect([c.get('h1'), c.get('h2'), c.get('h3')]).toEqual([null, null, { id: 'k3' }]);
  });
});
