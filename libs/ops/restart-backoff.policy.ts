/**
 * When `npm start` restarts a child that died. Each death in a row doubles the
 * wait up to a cap, so a child that dies at once (database unreachable, a bad
 * deploy) does not spin the CPU; a child that had been up for a while counts
 * as healthy again and comes back after the base wait.
 */
export interface RestartBackoff {
  baseMs: number;
  capMs: number;
  /** Uptime after which the next death starts the doubling over. */
  healthyAfterMs: number;
}

export const DEFAULT_RESTART_BACKOFF: RestartBackoff = { baseMs: 500, capMs: 30_000, healthyAfterMs: 60_000 };

export interface RestartDecision {
  delayMs: number;
  /** Deaths in a row including this one; carry it to the next decision. */
  failures: number;
}

export function nextRestart(previousFailures: number, uptimeMs: number, policy: RestartBackoff = DEFAULT_RESTART_BACKOFF): RestartDecision {
  const failures = uptimeMs >= policy.healthyAfterMs ? 1 : previousFailures + 1;
  const delayMs = Math.min(policy.capMs, policy.baseMs * 2 ** (failures - 1));
  return { delayMs, failures };
}

/** Reads `CAIRN_RESTART_BACKOFF=base,cap,healthyAfter` (ms); tests use short waits. */
export function restartBackoffFromEnv(value: string | undefined): RestartBackoff {
  if (!value) return DEFAULT_RESTART_BACKOFF;
  const parts = value.split(',').map((part) => Number(part.trim()));
  if (parts.length !== 3 || parts.some((n) => !Number.isInteger(n) || n < 0) || parts[0] > parts[1]) {
    throw new Error(`CAIRN_RESTART_BACKOFF must be "baseMs,capMs,healthyAfterMs" with base <= cap, got "${value}"`);
  }
  return { baseMs: parts[0], capMs: parts[1], healthyAfterMs: parts[2] };
}
