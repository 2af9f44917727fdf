import { Logger } from '@nestjs/common';
import { Pool } from 'pg';

let created = 0;

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
  const pool = new Pool({ connectionString, max });
  created += 1;
  const lost = (error: Error) => logger.warn(`database connection lost: ${error.message}`);
  pool.on('error', lost);
  pool.on('connect', (client) => client.on('error', lost));
  return pool;
}
