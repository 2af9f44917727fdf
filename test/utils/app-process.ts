import { ChildProcess, spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from './wait-for';

const ROOT = join(__dirname, '../..');

export interface AppProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit signal or code. */
  exited: Promise<string>;
}

/**
 * Runs one of the apps' entry points (TypeScript, through ts-register) as its own OS process and
 * resolves once its output shows `readyText`. A process that exits or stays silent is killed and
 * its output is in the error, so no half-started process lingers and takes jobs later.
 */
export async function startAppProcess(
  entry: string,
  env: NodeJS.ProcessEnv,
  readyText: string,
  label: string,
  timeoutMs: number,
): Promise<AppProcess> {
  const child = spawn(process.execPath, ['-r', join(__dirname, 'ts-register.js'), join(ROOT, entry)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // APP_PROCESS_LOG_DIR keeps every process's output in a file of its own, to read after a long run (chaos) went wrong.
  const logFile = process.env.APP_PROCESS_LOG_DIR ? join(process.env.APP_PROCESS_LOG_DIR, `${label}-${child.pid}.log`) : null;
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (logFile) appendFileSync(logFile, chunk);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? String(code))));
  let gone = false;
  void exited.then(() => (gone = true));
  await waitFor(
    () => {
      if (gone) throw new Error(`${label} exited during start:\n${output}`);
      return output.includes(readyText);
    },
    timeoutMs,
    `the ${label} process to start`,
  ).catch((error) => {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}; its output so far:\n${output.slice(-2000)}`);
  });
  return { child, output: () => output, exited };
}
