export interface TryAgainOptions {
  /** How many times the operation runs at most, the first included. */
  attempts: number;
  /** Pause between two attempts, in ms (none by default). */
  pauseMs?: number;
}

/**
 * Runs an idempotent Redis operation again when it fails, and rethrows the last failure. The reason it exists: a
 * healthy Redis can still fail one command, on a dropped connection or when a starved process (loading code, a
 * loaded machine) lags longer than the command deadline gives back (command-deadline.ts); one more try usually
 * succeeds. Redis really down still fails, after the last attempt. Only for operations that are safe to repeat.
 */
export async function tryAgain<T>(operation: () => Promise<T>, { attempts, pauseMs = 0 }: TryAgainOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (attempt >= attempts) throw error;
      if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
}
