// Jest loads this file outside its module system: @cairn/<lib> needs Node's resolver taught first.
import './utils/cairn-alias';
import { Client } from 'pg';
import { ADMIN_URL, clonePrefix } from './utils/test-database';
import { deleteRunPrefixes, testRedisConnection } from './utils/redis-prefix';
import { stopRunRedisServers } from './utils/redis-server-process';

/**
 * Drops this run's template and every clone of it (test files leave theirs here), this run's Redis keys, and the
 * redis-servers (OwnRedis, OwnRedisCluster) and their directories that a failed or killed file left behind. Each step
 * runs even if one before it failed; the failures are reported together at the end.
 */
export default async function globalTeardown(): Promise<void> {
  const failures = await runAll([
    // Redis keys of this run's prefixes that a crashed or worker-lingering file left behind.
    () => deleteRunPrefixes(testRedisConnection()),
    () => dropRunDatabases(),
    () => stopRunRedisServers(),
  ]);
  if (failures.length) throw new AggregateError(failures, `globalTeardown: ${failures.map((f) => (f as Error).message).join('; ')}`);
}

/** Runs every step however the others end; returns what failed. */
export async function runAll(steps: Array<() => Promise<unknown>>): Promise<unknown[]> {
  const failures: unknown[] = [];
  for (const step of steps) await step().catch((error: unknown) => failures.push(error));
  return failures;
}

/** This run's template database and its clones. */
export async function dropRunDatabases(): Promise<void> {
  const template = process.env.CAIRN_TEST_TEMPLATE;
  if (!template) return;
  const pending = await listRunDatabases(template);
  // Several sessions at once: each DROP DATABASE waits for a checkpoint, and concurrent requests share one.
  await Promise.all(
    Array.from({ length: Math.min(DROPPERS, pending.length) }, async () => {
      const client = new Client({ connectionString: ADMIN_URL });
      await client.connect();
      try {
        for (let name = pending.pop(); name; name = pending.pop()) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    }),
  );
}

const DROPPERS = 8;

async function listRunDatabases(template: string): Promise<string[]> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2', [
      template,
      `${clonePrefix(template)}%`,
    ]);
    return rows.map((row) => row.datname);
  } finally {
    await client.end();
  }
}
