import { webConcurrencyFromEnv } from './api-cluster';

describe('webConcurrencyFromEnv', () => {
  it.each([
    [undefined, 1],
    ['', 1],
    ['1', 1],
    ['4', 4],
    ['64', 64],
  ])('%p → %i processes', (value, n) => {
    expect(webConcurrencyFromEnv(value)).toBe(n);
  });

  it.each(['0', '-2', '2.5', 'two', '65'])('refuses %p', (value) => {
    expect(() => webConcurrencyFromEnv(value)).toThrow(`WEB_CONCURRENCY must be a whole number from 1 to 64, got "${value}"`);
  });
});
