/**
 * Errors that mean the database cannot be reached right now (restarting, failing over, connections cut or
 * exhausted), as Prisma, the pg driver adapter and node-postgres raise them: a request that met one is worth
 * retrying, so it is a 503, not a 500.
 */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
// SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown, cannot connect now).
const SQLSTATE = /^(08|57P0[1-3])/;
const NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTCONN']);
const MESSAGES = [
  /Can't reach database server/i,
  /Connection terminated/i,
  /terminating connection/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /timeout exceeded when trying to connect/i,
  /Timed out fetching a new connection/i,
  /Client has encountered a connection error/i,
];

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const { code, message, cause } = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof code === 'string' && (PRISMA_CODES.has(code) || SQLSTATE.test(code) || NODE_CODES.has(code))) return true;
  if (typeof message === 'string' && MESSAGES.some((pattern) => pattern.test(message))) return true;
  return isDatabaseUnavailable(cause, depth + 1);
}

/** What a client is told to wait before retrying a request that met a database outage. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
