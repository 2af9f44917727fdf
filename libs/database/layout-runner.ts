import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from 'pg';
import { MigrationChecksumError } from './migration-errors';

export function defaultLayoutDir(): string {
  // Works from the source tree (ts) and from dist/ (js).
  for (const dir of [join(__dirname, '../../prisma/partitioning'), join(__dirname, '../../../prisma/partitioning')]) {
    if (existsSync(dir)) return dir;
  }
  throw new Error('prisma/partitioning not found');
}

/** Whether layout steps were ever applied to this database (it is converted, or being converted). */
export async function layoutBegun(client: Client): Promise<boolean> {
  const { rows } = await client.query<{ begun: boolean }>(`SELECT to_regclass('cairn_history.layout_steps') IS NOT NULL AS begun`);
  return rows[0].begun;
}

/**
 * Applies prisma/partitioning/*.sql (the physical layout: partitions, and what keeps their guarantees) after the
 * Prisma migrations, each once, in order and in its own transaction, recorded in cairn_history.layout_steps.
 * They are not Prisma migrations on purpose: prisma/migrations stays the logical schema CI's drift check compares
 * with schema.prisma, and `public` keeps the same columns, defaults, constraints and index names (tested in
 * test/partitioning-layout.e2e-spec.ts). The caller holds the migration lock.
 */
export async function applyLayout(client: Client, dir: string): Promise<string[]> {
  await client.query('CREATE SCHEMA IF NOT EXISTS cairn_history');
  await client.query(`CREATE TABLE IF NOT EXISTS cairn_history.layout_steps (
    name TEXT PRIMARY KEY, checksum VARCHAR(64) NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
  const { rows } = await client.query<{ name: string; checksum: string }>('SELECT name, checksum FROM cairn_history.layout_steps');
  const done = new Map(rows.map((r) => [r.name, r.checksum]));
  const applied: string[] = [];
  for (const file of readdirSync(dir)
    .filter((n) => n.endsWith('.sql'))
    .sort()) {
    const sql = readFileSync(join(dir, file), 'utf8');
    const checksum = createHash('sha256').update(sql).digest('hex');
    const previous = done.get(file);
    if (previous !== undefined) {
      if (previous !== checksum)
        throw new MigrationChecksumError(`layout step ${file} was changed after it was applied; refusing to start`);
      continue;
    }
    await client.query('BEGIN');
    try {
      await client.query(sql);
      await client.query('INSERT INTO cairn_history.layout_steps (name, checksum) VALUES ($1, $2)', [file, checksum]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw new Error(`layout step ${file} failed: ${(error as Error).message}`);
    }
    applied.push(file);
  }
  return applied;
}
