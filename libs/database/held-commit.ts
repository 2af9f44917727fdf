import type { Pool, PoolClient } from 'pg';

export interface HeldCommitOptions {
  /** After a failure in `open`: whether the connection is unfit to go back to the pool (it is then destroyed). */
  discard?: (error: unknown, client: PoolClient) => boolean;
  /** COMMIT failed: the record is not there (logged by the caller; the send goes on). */
  onCommitError: (error: Error) => void;
}

/**
 * A write made durable exactly when an email's end of data leaves this process (exactly-once hand-over to SMTP).
 * `open` writes BEGIN and the record on a pool connection of its own and throws to roll back (the connection then
 * goes back to the pool, or is destroyed when `discard` says so). Resolves with `commit`, which writes COMMIT to the
 * socket before it returns (node-postgres sends a query inside query(), which Prisma's layers do not promise), so
 * the caller releases the end of data right after it; the promise it returns settles when COMMIT is answered, with
 * whether the record committed, and never rejects. Awaiting that answer before the end of data would open a window
 * of a database round trip.
 */
export async function holdCommit(
  pool: Pool,
  open: (client: PoolClient) => Promise<void>,
  options: HeldCommitOptions,
): Promise<() => Promise<boolean>> {
  const client = await pool.connect();
  try {
    await open(client);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release(options.discard?.(error, client) ? (error as Error) : undefined);
    throw error;
  }
  return () =>
    client.query('COMMIT').then(
      () => {
        client.release();
        return true;
      },
      (error: Error) => {
        options.onCommitError(error);
        client.release(error);
        return false;
      },
    );
}
