import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { createTestDatabase } from './utils/test-database';
import { sparePort } from './utils/spare-port';
import { waitFor } from './utils/test-worker';
import { testRedisPrefix } from './utils/redis-prefix';

const ROOT = join(__dirname, '..');

interface ClusterRun {
  proc: ChildProcess;
  port: number;
  output: () => string;
  /** Pids of the API processes the primary reported forking, in order. */
  started: () => number[];
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Inodes of the established TCP connections to `port` (IPv4 and IPv6 tables). */
function establishedTo(port: number): Set<string> {
  const inodes = new Set<string>();
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // local_address is col 1 (addr:port), st col 3 (01 = ESTABLISHED), inode col 9.
      if (cols.length > 9 && cols[1].endsWith(`:${hex}`) && cols[3] === '01') inodes.add(cols[9]);
    }
  }
  return inodes;
}

/** How many of those connections each process holds open. */
function connectionsHeldBy(pid: number, inodes: Set<string>): number {
  let held = 0;
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    const target = (() => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        return '';
      }
    })();
    const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
    if (inode && inodes.has(inode)) held++;
  }
  return held;
}

/**
 * One GET with a deadline. A connection the primary hands to a process in the instant it dies is lost with it
 * (as a client of any restarting server would see); without a deadline that request waits forever.
 */
function get(port: number, path: string, agent?: Agent, timeoutMs = 10_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${path} got no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** A GET that tries again when its connection was lost (reset or no answer), up to `attempts` times. */
async function getServed(port: number, path: string, attempts = 3): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await get(port, path, undefined, 5_000);
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
  }
}

describe('WEB_CONCURRENCY: several API processes on one port', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const runs: ClusterRun[] = [];

  async function startCluster(processes: number): Promise<ClusterRun> {
    const port = await sparePort();
    let output = '';
    const proc = spawn(process.execPath, ['-r', join(__dirname, 'utils/ts-register.js'), join(ROOT, 'apps/api/src/main.ts')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: db.url,
        REDIS_PREFIX: testRedisPrefix(),
        PORT: String(port),
        HOST: '127.0.0.1',
        WEB_CONCURRENCY: String(processes),
        CAIRN_BOOTSTRAP_API_KEY: `cairn_test_${randomBytes(16).toString('hex')}`,
        CAIRN_MIGRATE_ON_START: 'false',
        CAIRN_RESTART_BACKOFF: '200,2000,60000',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    proc.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const run: ClusterRun = {
      proc,
      port,
      output: () => output,
      started: () => [...output.matchAll(/cairn: api process \d of \d started \(pid (\d+)\)/g)].map((m) => Number(m[1])),
    };
    runs.push(run);
    await waitFor(() => output.split('Cairn API listening').length > processes, 170_000, `${processes} API processes:\n${output}`);
    return run;
  }

  // Both clusters boot at once: each test has its own, and booting is most of the file's time.
  let served: Promise<ClusterRun>;
  let orphaned: Promise<ClusterRun>;
  beforeAll(async () => {
    db = await createTestDatabase();
    served = startCluster(2);
    orphaned = startCluster(2);
    await Promise.allSettled([served, orphaned]);
  }, 180_000);
  afterAll(async () => {
    for (const run of runs) {
      if (run.proc.exitCode === null && run.proc.signalCode === null) run.proc.kill('SIGKILL');
      for (const pid of run.started()) if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
    await db?.drop();
  });

  it('shares the port between the processes, restarts one that dies while the other serves, and SIGTERM stops all', async () => {
    const run = await served;
    const [first, second] = run.started();
    expect(run.started()).toHaveLength(2);

    // Four connections held open at once: the primary hands them out in turn, so each process serves some.
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    expect(await Promise.all(Array.from({ length: 4 }, () => get(run.port, '/health/live', agent)))).toEqual([200, 200, 200, 200]);
    const open = establishedTo(run.port);
    expect(connectionsHeldBy(first, open)).toBeGreaterThan(0);
    expect(connectionsHeldBy(second, open)).toBeGreaterThan(0);
    agent.destroy();

    process.kill(first, 'SIGKILL');
    // The other process serves while the first is down and coming back. A connection handed to the first in the
    // instant it died is lost, so a client that tries again (as browsers and load balancers do) gets its answer.
    expect(await getServed(run.port, '/health/live')).toBe(200);
    const restarted = await waitFor(() => run.started()[2], 30_000, 'the killed API process to be forked again');
    expect(run.output()).toMatch(
      new RegExp(
        `cairn: api process 1 \\(pid ${first}\\) exited with SIGKILL after [\\d.]+ s; restarting in 200 ms \\(death 1 in a row\\)`,
      ),
    );
    await waitFor(() => run.output().split('Cairn API listening').length === 4, 120_000, 'the new API process to listen');
    expect(alive(second)).toBe(true);

    let exitCode: number | null | undefined;
    run.proc.once('exit', (code) => (exitCode = code));
    run.proc.kill('SIGTERM');
    await waitFor(() => exitCode !== undefined || null, 60_000, 'the primary to exit on SIGTERM');
    expect(exitCode).toBe(0);
    expect([second, restarted].filter(alive)).toEqual([]);
  }, 300_000);

  it('leaves no process behind when the primary itself is killed', async () => {
    const run = await orphaned;
    const pids = run.started();
    run.proc.kill('SIGKILL');
    await waitFor(() => pids.every((pid) => !alive(pid)) || null, 30_000, 'the API processes to exit with their primary');
  }, 300_000);
});
