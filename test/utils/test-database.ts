import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const ADMIN_URL = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The name every clone of `template` starts with; globalTeardown drops them all by it. */
export function clonePrefix(template: string): string {
  return `${template.replace('_tpl_', '_t_')}_`;
}

/**
 * A fresh database for one test file, cloned from the migrated template of this run.
 *
 * Its commits are asynchronous (synchronous_commit off): a commit is visible to every session at once, as before,
 * but no longer waits for its WAL fsync (2-5 ms on these disks, thousands of commits in some files). Only a
 * crash of this Postgres server could lose the last of them, and no test crashes the shared server (the tests
 * that stop or break Postgres start their own, fsync off: test/utils/own-postgres.ts).
 */
export async function createTestDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const template = process.env.CAIRN_TEST_TEMPLATE;
  if (!template) throw new Error('CAIRN_TEST_TEMPLATE is not set: run the tests through jest (globalSetup)');
  const name = `${clonePrefix(template)}${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  await adminQuery(`ALTER DATABASE "${name}" SET synchronous_commit = off`);
  return {
    name,
    url: databaseUrl(name),
    // Closes what is still connected, and leaves the DROP to globalTeardown: each DROP DATABASE waits for a
    // checkpoint (1-4 s here, in the middle of a file's run), while the run's clones dropped together share them.
    drop: () => adminQuery(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`),
  };
}
