import { ConfigError, loadConfig } from './app-config';
import { crashPoint, parseCrashPoint } from './crash-point';

describe('test-only crash points', () => {
  it('reads a point and an optional N-th visit', () => {
    expect(parseCrashPoint(undefined, 'test')).toBeNull();
    expect(parseCrashPoint('', 'test')).toBeNull();
    expect(parseCrashPoint('before-handover-commit', 'test')).toEqual({ point: 'before-handover-commit', nth: 1 });
    expect(parseCrashPoint('before-end-of-data:3', undefined)).toEqual({ point: 'before-end-of-data', nth: 3 });
  });

  it.each(['somewhere', 'after-handover-commit:0', 'after-handover-commit:x', 'after-handover-commit:1:2', 'BEFORE-END-OF-DATA'])(
    'refuses %s',
    (raw) => expect(() => parseCrashPoint(raw, 'test')).toThrow(/CAIRN_TEST_CRASH_POINT must be one of/),
  );

  it('stops a production start with a clear message, and lets tests through', () => {
    const env = { CAIRN_TEST_CRASH_POINT: 'after-handover-commit', NODE_ENV: 'production' };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(/test-only hook and must not be set when NODE_ENV=production/);
    expect(() => loadConfig({ CAIRN_TEST_CRASH_POINT: 'nowhere' })).toThrow(ConfigError);
    expect(() => loadConfig({ CAIRN_TEST_CRASH_POINT: 'after-handover-commit:2' })).not.toThrow();
    expect(() => loadConfig({ NODE_ENV: 'production' })).not.toThrow();
  });

  it('is a no-op when nothing is armed (this process has no CAIRN_TEST_CRASH_POINT)', () => {
    expect(process.env.CAIRN_TEST_CRASH_POINT).toBeUndefined();
    for (let i = 0; i < 3; i++)
      for (const point of ['before-handover-commit', 'after-handover-commit', 'before-end-of-data'] as const) crashPoint(point);
  });
});
