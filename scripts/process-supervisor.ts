import { ChildProcess, spawn } from 'node:child_process';
import { nextRestart, nodeRuntimeEnv, RestartBackoff } from '@cairn/ops';

export interface SupervisedChild {
  name: string;
  script: string;
}

/**
 * Keeps `npm start`'s children running: a child that dies (a crash, an OOM
 * kill, SIGKILL) is started again after a backoff that grows while it keeps
 * dying; the others are left alone. Only stop() — SIGINT/SIGTERM to
 * `npm start` — ends them, each with SIGTERM so in-flight jobs finish.
 */
export class ProcessSupervisor {
  private readonly running = new Map<string, ChildProcess>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopping = false;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly backoff: RestartBackoff,
    private readonly log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {}

  start(child: SupervisedChild, failures = 0): void {
    if (this.stopping) return;
    const startedAt = Date.now();
    // process.execArgv carries loaders (the test's TypeScript hook) to the child.
    const proc = spawn(process.execPath, [...process.execArgv, '--enable-source-maps', child.script], {
      // The heap and malloc settings measured for API and worker (libs/ops/node-runtime.ts).
      env: { ...nodeRuntimeEnv(this.env, child.name === 'api' ? 'api' : 'worker'), CAIRN_PROCESS: child.name },
      stdio: 'inherit',
    });
    this.running.set(child.name, proc);
    this.log(`cairn: ${child.name} started (pid ${proc.pid})`);
    proc.once('exit', (code, signal) => {
      this.running.delete(child.name);
      if (this.stopping) return;
      const uptimeMs = Date.now() - startedAt;
      const next = nextRestart(failures, uptimeMs, this.backoff);
      this.log(
        `cairn: ${child.name} (pid ${proc.pid}) exited with ${signal ?? `code ${code}`} after ${(uptimeMs / 1000).toFixed(1)} s; ` +
          `restarting in ${next.delayMs} ms (death ${next.failures} in a row)`,
      );
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.start(child, next.failures);
      }, next.delayMs);
      this.timers.add(timer);
    });
  }

  /** SIGTERM to every child; resolves when all have exited. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers) clearTimeout(timer);
    const children = [...this.running.values()];
    await Promise.all(
      children.map((proc) => {
        const exited = new Promise((resolve) => proc.once('exit', resolve));
        proc.kill('SIGTERM');
        return exited;
      }),
    );
  }
}
