import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { sparePort } from './spare-port';
import { waitFor } from './test-worker';

const ROOT = join(__dirname, '../..');

export interface ApiProcess {
  child: ChildProcess;
  /** http://127.0.0.1:<port> */
  url: string;
  output: () => string;
  /** Resolves with the exit signal or code. */
  exited: Promise<string>;
}

/**
 * The real API (apps/api/src/main.ts) as a separate OS process on a spare
 * port, for tests that kill or starve it. `env` carries DATABASE_URL,
 * REDIS_URL, REDIS_PREFIX, CAIRN_BOOTSTRAP_API_KEY and the like.
 */
export async function spawnApi(env: Record<string, string>, startTimeoutMs = 120_000): Promise<ApiProcess> {
  const port = await sparePort();
  const child = spawn(process.execPath, ['-r', join(__dirname, 'ts-register.js'), join(ROOT, 'apps/api/src/main.ts')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      CAIRN_MIGRATE_ON_START: 'false',
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? String(code))));
  let gone = false;
  void exited.then(() => (gone = true));
  await waitFor(
    () => {
      if (gone) throw new Error(`API exited during start:\n${output}`);
      return output.includes('Cairn API listening');
    },
    startTimeoutMs,
    'the API process to start',
  ).catch((error) => {
    child.kill('SIGKILL'); // not left running behind a failed start
    throw new Error(`${(error as Error).message}; its output so far:\n${output.slice(-2000)}`);
  });
  return { child, url: `http://127.0.0.1:${port}`, output: () => output, exited };
}
