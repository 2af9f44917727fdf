/**
 * Once SMTP accepted an email, recording "sent" must outlast a database
 * restart: if the write failed and the job simply failed, its retry would find
 * the invitation unsent (the hand-over mark may have been lost with the
 * connection) and send it again. So the write is retried here, with a capped
 * backoff, until the database is back; only after `deadlineMs` does the error
 * go to the job (a database down that long is an outage, not a restart).
 */
export interface RecordRetry {
  deadlineMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export const RECORD_RETRY: RecordRetry = { deadlineMs: 120_000, firstDelayMs: 200, maxDelayMs: 5_000 };

export async function recordAfterHandover<T>(
  write: () => Promise<T>,
  retry: RecordRetry = RECORD_RETRY,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<T> {
  let waited = 0;
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      const delay = Math.min(retry.maxDelayMs, retry.firstDelayMs * 2 ** attempt);
      if (waited + delay > retry.deadlineMs) throw error;
      waited += delay;
      await sleep(delay);
    }
  }
}
