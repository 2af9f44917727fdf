import { randomBytes } from 'node:crypto';
import { ApiProcess, spawnApi } from './utils/api-process';
import { testConfig } from './utils/test-app';
import { createTestDatabase } from './utils/test-database';
import { spawnWorker, WorkerProcess } from './utils/worker-process';
import { testRedisPrefix } from './utils/redis-prefix';

// Issue 11, point 8: `npm start` prints at most a screen at boot. Its output is
// the API's and the worker's (both inherit the terminal), so this boots both
// as real processes at the default LOG_LEVEL info and reads what they print:
// the output itself is the subject here.
const SCREEN = 40;

describe('boot output', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const running: Array<ApiProcess | WorkerProcess> = [];
  const prefix = testRedisPrefix();
  const key = `cairn_test_${randomBytes(16).toString('hex')}`;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    for (const proc of running) proc.child.kill('SIGTERM');
    await Promise.all(running.map((proc) => proc.exited));
    await db?.drop();
  });

  async function boot(format?: 'pretty') {
    const base = testConfig(db.url, { redisPrefix: prefix });
    const env = { LOG_LEVEL: 'info', ...(format ? { LOG_FORMAT: format } : {}) };
    const api = await spawnApi({
      DATABASE_URL: db.url,
      REDIS_URL: base.redisUrl,
      REDIS_PREFIX: prefix,
      CAIRN_BOOTSTRAP_API_KEY: key,
      ...env,
    });
    running.push(api);
    const worker = await spawnWorker({ ...base, publicBaseUrl: api.url }, env);
    running.push(worker);
    return [api.output(), worker.output()]
      .join('')
      .split('\n')
      .filter((line) => line.trim() !== '');
  }

  it('API and worker together print less than a screen, as JSON lines when stdout is not a terminal', async () => {
    const lines = await boot();
    expect(lines.length).toBeLessThanOrEqual(SCREEN);
    // Besides log lines: the "listening" lines and the first admin's password, printed once as plain text on purpose.
    const logLines = lines.filter((line) => line.includes('"level":'));
    expect(logLines.length).toBeGreaterThan(0);
    for (const line of logLines) expect(JSON.parse(line)).toHaveProperty('msg');
    expect(lines.join('\n')).not.toMatch(/RouterExplorer|Mapped \{/);
  }, 300_000);

  it('LOG_FORMAT=pretty prints human lines instead, still within a screen', async () => {
    const lines = await boot('pretty');
    expect(lines.length).toBeLessThanOrEqual(SCREEN);
    expect(lines.some((line) => line.startsWith('{'))).toBe(false);
    expect(lines.join('\n')).toMatch(/INFO.*api/);
  }, 300_000);
});
