import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { historyPartitioned } from '@cairn/config';
import { applyLayout, defaultLayoutDir, layoutBegun } from './layout-runner';
import { MigrationChecksumError } from './migration-errors';

export { MigrationChecksumError };

// Any constant works; it only has to be the same for every Cairn process.
const MIGRATION_LOCK = 72_616_897;

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
  /** Physical layout steps (prisma/partitioning) applied by this run. */
  layout: string[];
}

export interface MigrationOptions {
  /** prisma/partitioning by default; null stops at the logical schema (the state before partitioning, for tests). */
  layoutDir?: string | null;
}

export function defaultMigrationsDir(): string {
  // Works from the source tree (ts) and from dist/ (js).
  for (const dir of [join(__dirname, '../../prisma/migrations'), join(__dirname, '../../../prisma/migrations')]) {
    if (existsSync(dir)) return dir;
  }
  throw new Error('prisma/migrations not found');
}

/**
 * Applies prisma/migrations/* in order, each once and in its own transaction,
 * recording them in _prisma_migrations exactly as `prisma migrate deploy`
 * does, so either tool can take over from the other; then the physical layout
 * steps (layout-runner.ts), under the same lock.
 */
export async function runMigrations(
  databaseUrl: string,
  dir = defaultMigrationsDir(),
  options: MigrationOptions = {},
): Promise<MigrationResult> {
  const client = new Client({ connectionString: databaseUrl });
  // A server that goes away mid-run rejects the running query; without a listener the same error would also end the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    const done = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    const applied: string[] = [];
    for (const name of readdirSync(dir)
      .filter((n) => existsSync(join(dir, n, 'migration.sql')))
      .sort()) {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      const previous = done.get(name);
      if (previous !== undefined) {
        if (previous !== checksum) {
          throw new MigrationChecksumError(`migration ${name} was changed after it was applied; refusing to start`);
        }
        continue;
      }
      await client.query('BEGIN');
      try {
        const id = randomUUID();
        await client.query('INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())', [
          id,
          checksum,
          name,
        ]);
        await client.query(sql);
        await client.query('UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1', [id]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${name} failed: ${(error as Error).message}`);
      }
      applied.push(name);
    }
    // The physical layout when asked for (HISTORY_PARTITIONED), and always on a database it has begun on: a converted
    // database gets every later step too.
    const layoutDir =
      options.layoutDir !== undefined ? options.layoutDir : historyPartitioned() || (await layoutBegun(client)) ? defaultLayoutDir() : null;
    const layout = layoutDir === null ? [] : await applyLayout(client, layoutDir);
    return { applied, alreadyApplied: done.size, layout };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await client.end();
  }
}

/** Creates the database named in the URL when it does not exist yet (first start on a new machine). */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const target = new URL(databaseUrl);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } catch (error) {
    // Another process may have created it between the check and the create.
    if ((error as { code?: string }).code !== '42P04') throw error;
  } finally {
    await client.end();
  }
}
