import cluster, { Worker } from 'node:cluster';
import { nextRestart, RestartBackoff } from './restart-backoff.policy';

/** More API processes than this on one machine is a typo, not a deployment. */
const MAX_API_PROCESSES = 64;

/**
 * `WEB_CONCURRENCY` (the name Heroku and most Node hosts use): how many API
 * processes serve the one port. Unset or 1 is one process, as before.
 */
export function webConcurrencyFromEnv(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_API_PROCESSES) {
    throw new Error(`WEB_CONCURRENCY must be a whole number from 1 to ${MAX_API_PROCESSES}, got "${value}"`);
  }
  return n;
}

export interface ApiClusterOptions {
  processes: number;
  backoff: RestartBackoff;
  log?: (line: string) => void;
}

/**
 * The primary of a multi-process API: forks `processes` copies of this
 * script, which share its listening port through node:cluster (Node 20 has no
 * SO_REUSEPORT; the primary hands out connections round-robin). It loads no
 * application code. A copy that dies is forked again after the same growing
 * backoff `npm start` uses; SIGTERM or SIGINT stops every copy with SIGTERM
 * (each drains its requests) and then the primary. Should the primary itself
 * be killed, the copies exit when their channel to it closes (node:cluster).
 */
export function runApiClusterPrimary({ processes, backoff, log = (line) => process.stderr.write(`${line}\n`) }: ApiClusterOptions): void {
  let stopping = false;
  const timers = new Set<NodeJS.Timeout>();

  const fork = (slot: number, failures: number) => {
    const startedAt = Date.now();
    const worker: Worker = cluster.fork({ CAIRN_API_SLOT: String(slot) });
    log(`cairn: api process ${slot} of ${processes} started (pid ${worker.process.pid})`);
    worker.once('exit', (code, signal) => {
      if (stopping) return;
      const uptimeMs = Date.now() - startedAt;
      const next = nextRestart(failures, uptimeMs, backoff);
      log(
        `cairn: api process ${slot} (pid ${worker.process.pid}) exited with ${signal ?? `code ${code}`} after ` +
          `${(uptimeMs / 1000).toFixed(1)} s; restarting in ${next.delayMs} ms (death ${next.failures} in a row)`,
      );
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!stopping) fork(slot, next.failures);
      }, next.delayMs);
      timers.add(timer);
    });
  };

  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const timer of timers) clearTimeout(timer);
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
    let left = workers.length;
    if (!left) process.exit(0);
    for (const worker of workers) {
      worker.once('exit', () => --left === 0 && process.exit(0));
      worker.process.kill('SIGTERM');
    }
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  for (let slot = 1; slot <= processes; slot++) fork(slot, 0);
}
