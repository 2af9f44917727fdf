import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createTestDatabase } from './utils/test-database';
import { SmtpSink } from './utils/smtp-sink';
import { sparePort } from './utils/spare-port';
import { waitFor } from './utils/test-worker';
import { testRedisPrefix } from './utils/redis-prefix';

const ROOT = join(__dirname, '..');

/** Pids of the children `npm start` reported starting, by name, in order. */
function startedPids(output: string, name: string): number[] {
  return [...output.matchAll(new RegExp(`cairn: ${name} started \\(pid (\\d+)\\)`, 'g'))].map((m) => Number(m[1]));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start supervises its children', () => {
  let start: ChildProcess;
  let output = '';
  let sink: SmtpSink;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    db = await createTestDatabase();
    sink = await new SmtpSink().start();
    const port = await sparePort();
    start = spawn(process.execPath, ['-r', join(__dirname, 'utils/ts-register.js'), join(ROOT, 'scripts/start.ts')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: db.url,
        REDIS_PREFIX: testRedisPrefix(),
        PORT: String(port),
        WORKER_HEALTH_PORT: String(await sparePort()),
        HOST: '127.0.0.1',
        SMTP_URL: sink.url,
        CAIRN_BOOTSTRAP_API_KEY: `cairn_test_${randomBytes(16).toString('hex')}`,
        CAIRN_ADMIN_PASSWORD: 'correct horse battery',
        CAIRN_RESTART_BACKOFF: '200,2000,60000',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    start.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    start.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(
      () => output.includes('Cairn API listening') && output.includes('Cairn worker running'),
      90_000,
      `npm start to come up:\n${output}`,
    );
  }, 120_000);
  afterAll(async () => {
    if (start && start.exitCode === null) start.kill('SIGKILL');
    for (const name of ['api', 'worker']) for (const pid of startedPids(output, name)) if (alive(pid)) process.kill(pid, 'SIGKILL');
    await sink?.close();
    await db?.drop();
  });

  it('restarts a SIGKILLed worker (logged, with backoff) and leaves the API running; SIGTERM stops everything', async () => {
    const [api] = startedPids(output, 'api');
    const [worker] = startedPids(output, 'worker');
    process.kill(worker, 'SIGKILL');

    const restarted = await waitFor(() => startedPids(output, 'worker')[1], 30_000, 'the worker to be restarted');
    expect(restarted).not.toBe(worker);
    expect(output).toMatch(
      new RegExp(`cairn: worker \\(pid ${worker}\\) exited with SIGKILL after [\\d.]+ s; restarting in 200 ms \\(death 1 in a row\\)`),
    );
    await waitFor(() => output.split('Cairn worker running').length === 3, 60_000, 'the new worker to be ready');
    expect(startedPids(output, 'api')).toEqual([api]);
    expect(alive(api)).toBe(true);
    expect(start.exitCode).toBeNull();

    const exited = new Promise((resolve) => start.once('exit', (code) => resolve(code)));
    start.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(alive(api)).toBe(false);
    expect(alive(restarted)).toBe(false);
  }, 150_000);
});
