import { Logger } from '@nestjs/common';
import { Pool } from 'pg';

let created = 0;

/**
 * How long a pool keeps a connection nobody uses. node-postgres closes it after 10 s; the pool hands out its most
 * recently used connection first, so under uneven load the older ones idle out and the next burst opens new ones.
 * A new backend starts with cold catalog caches: its first plan of the webhook snapshot took 39 ms against 0.5-1 ms
 * on a warm one, and pg_stat_statements counted ~37 connection lifetimes in one 100 answers/s webhooks bench.
 * Ten minutes, as HikariCP's default: a process never holds more than its pool's max either way.
 */
export const PG_IDLE_TIMEOUT_MS = 10 * 60_000;

/** How many pools this process has opened: one per app (a test checks it). */
export function pgPoolsCreated(): number {
  return created;
}

/**
 * A node-postgres pool that survives the server going away. node-postgres
 * emits 'error' on a pool for a broken idle client, and on a client itself
 * when the server cuts it while no query is running on it (a restart,
 * pg_terminate_backend, an idle-in-transaction client during an SMTP send);
 * an 'error' event without a listener ends the process. Every client gets a
 * listener the moment it connects, so such errors only log: the next query
 * on a broken client fails (and is retried by its job), and the pool opens
 * new connections once the server is back.
 */
export function createPgPool(connectionString: string, max: number, name: string): Pool {
  const logger = new Logger(name);
  const pool = new Pool({ connectionString, max, idleTimeoutMillis: PG_IDLE_TIMEOUT_MS });
  created += 1;
  const lost = (error: Error) => logger.warn(`database connection lost: ${error.message}`);
  pool.on('error', lost);
  pool.on('connect', (client) => client.on('error', lost));
  return pool;
}
