/** Seconds a client is asked to wait (Retry-After) when Redis cannot serve a request. */
export const REDIS_RETRY_AFTER_SECONDS = 5;

/**
 * Redis did not answer in time (down, restarting, hung). The one error type
 * request paths throw for it; RedisUnavailableFilter turns it into a 503.
 */
export class RedisUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`Redis unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'RedisUnavailableError';
  }
}

/** Runs one Redis operation; any failure of it becomes a RedisUnavailableError. */
export async function redisCall<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw error instanceof RedisUnavailableError ? error : new RedisUnavailableError(error);
  }
}

/**
 * Several Redis commands under one deadline (each command has its own timeout,
 * but a loop of them would add up). Rejects with RedisUnavailableError.
 */
export function withDeadline<T>(operation: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisUnavailableError(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([redisCall(() => operation), deadline]).finally(() => clearTimeout(timer));
}
