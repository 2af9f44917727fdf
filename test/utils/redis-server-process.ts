import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { RUN_VARIABLE } from './redis-prefix';
import { waitFor } from './wait-for';

export interface RedisServerProcess {
  child: ChildProcess;
  port: number;
  output: () => string;
}

const TMP = '/tmp';

/** The jest run a test's own redis-servers belong to (globalSetup sets it); 'norun' outside jest (chaos runner). */
function runTag(): string {
  return process.env[RUN_VARIABLE] ?? 'norun';
}

/**
 * A temporary directory for a test's own redis-server: /tmp/cairn-redis-<kind>-<run>-XXXXXX. Redis chdirs into its
 * --dir, so the run in the name is also how globalTeardown finds this run's servers (stopRunRedisServers): Redis
 * overwrites its command line with "redis-server 127.0.0.1:<port> [cluster]", but its working directory stays.
 */
export function redisTempDir(kind: 'single' | 'cluster'): string {
  return mkdtempSync(`${TMP}/${kind === 'cluster' ? 'cairn-redis-cluster' : 'cairn-redis'}-${runTag()}-`);
}

/**
 * Starts the machine's redis-server on 127.0.0.1:`port` with its data in `dir`, and resolves once it accepts
 * connections. A server that exits or stays silent is killed and its output is in the error, so no half-started
 * server lingers. (A port taken between sparePort's probe and the bind is such an exit: callers try another port.)
 */
export async function spawnRedisServer(port: number, dir: string, args: string[]): Promise<RedisServerProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`redis-server exited: ${output}`);
      return /Ready to accept connections/.test(output);
    },
    15_000,
    `redis-server on port ${port}`,
  ).catch((error) => {
    child.kill('SIGKILL');
    throw error;
  });
  return { child, port, output: () => output };
}

/**
 * For globalTeardown: SIGKILLs every redis-server this run started (found by its working directory, see redisTempDir)
 * that a failed or killed test file left running, waits until each is gone, then removes this run's directories.
 * Never touches another run's servers: other engineers run the suite on this machine at the same time.
 * Returns how many servers it killed.
 */
export async function stopRunRedisServers(run = process.env[RUN_VARIABLE]): Promise<number> {
  if (!run) return 0;
  const ours = (name: string) => name.startsWith(`cairn-redis-${run}-`) || name.startsWith(`cairn-redis-cluster-${run}-`);
  const pids = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'redis-server') return false;
        const cwd = readlinkSync(`/proc/${pid}/cwd`);
        return cwd.startsWith(`${TMP}/`) && ours(cwd.slice(TMP.length + 1));
      } catch {
        return false; // gone meanwhile, or not ours to read
      }
    })
    .map(Number);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // exited meanwhile
    }
  }
  // Gone, or a zombie whose (test worker) parent has not reaped it: either way it holds no port or file any more.
  await waitFor(() => pids.every((pid) => !alive(pid)), 15_000, `redis-servers ${pids.join(', ')} to exit`);
  for (const name of readdirSync(TMP).filter(ours)) rmSync(`${TMP}/${name}`, { recursive: true, force: true, maxRetries: 3 });
  return pids.length;
}

function alive(pid: number): boolean {
  try {
    // /proc/<pid>/stat: "pid (comm) state ...": Z is a zombie.
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
