import { loadConfig } from './app-config';
import { ARGON2_DEFAULT_MEMORY_KIB, ARGON2_PRODUCTION_FLOOR_KIB, argon2MemoryCost } from './password-hash-cost';

describe('ARGON2_MEMORY_COST', () => {
  it('defaults to 64 MiB', () => {
    expect(argon2MemoryCost(undefined, 'production')).toBe(ARGON2_DEFAULT_MEMORY_KIB);
    expect(loadConfig({}).argon2MemoryKiB).toBe(65_536);
  });

  it('may be lowered outside production (tests) down to 1 MiB', () => {
    expect(loadConfig({ ARGON2_MEMORY_COST: '1024' }).argon2MemoryKiB).toBe(1024);
    expect(loadConfig({ ARGON2_MEMORY_COST: '1024', NODE_ENV: 'test' }).argon2MemoryKiB).toBe(1024);
  });

  it('refuses a cost below the floor when NODE_ENV=production, and accepts the floor itself', () => {
    expect(() => loadConfig({ ARGON2_MEMORY_COST: '1024', NODE_ENV: 'production' })).toThrow(/at least 19456 KiB when NODE_ENV=production/);
    expect(() => loadConfig({ ARGON2_MEMORY_COST: String(ARGON2_PRODUCTION_FLOOR_KIB - 1), NODE_ENV: 'production' })).toThrow(
      /ARGON2_MEMORY_COST/,
    );
    expect(loadConfig({ ARGON2_MEMORY_COST: String(ARGON2_PRODUCTION_FLOOR_KIB), NODE_ENV: 'production' }).argon2MemoryKiB).toBe(19_456);
  });

  it.each(['abc', '1023', '1.5', '-1', '4194305'])('refuses %s', (raw) => {
    expect(() => loadConfig({ ARGON2_MEMORY_COST: raw })).toThrow(/ARGON2_MEMORY_COST must be an integer/);
  });
});
