import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { defaultLayoutDir, defaultMigrationsDir, MigrationChecksumError, runMigrations } from '@cairn/database';
import { adminQuery, databaseUrl } from './utils/test-database';

describe('migration runner', () => {
  const name = `cairn_mig_${process.pid}_${Date.now().toString(36)}`;
  const url = databaseUrl(name);

  beforeAll(() => adminQuery(`CREATE DATABASE "${name}"`));
  afterAll(() => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));

  // Copies of the migration or layout folder for the tests that edit one; removed after each test (every run left three in /tmp).
  const copies: string[] = [];
  afterEach(() => copies.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  function copyOf(source: string, prefix: string): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    copies.push(dir);
    cpSync(source, dir, { recursive: true });
    return dir;
  }

  async function query<T>(sql: string): Promise<T[]> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  }

  it('applies every migration once and records it as prisma migrate does', async () => {
    const migrations = readdirSync(defaultMigrationsDir())
      .filter((n) => !n.endsWith('.toml'))
      .sort();
    const first = await runMigrations(url);
    expect(first.applied).toEqual(migrations);
    const second = await runMigrations(url);
    // The physical layout only with HISTORY_PARTITIONED (test/partitioning-*.e2e-spec.ts).
    expect(first.layout).toEqual([]);
    expect(second).toEqual({ applied: [], alreadyApplied: migrations.length, layout: [] });
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(migrations);
    const { readFileSync } = await import('node:fs');
    const sql = readFileSync(join(defaultMigrationsDir(), migrations[0], 'migration.sql'), 'utf8');
    expect(rows[0].checksum).toBe(createHash('sha256').update(sql).digest('hex'));
    expect(rows.every((r) => r.finished_at !== null && r.applied_steps_count === 1)).toBe(true);
    expect(await query('SELECT 1 FROM workspaces LIMIT 1')).toEqual([]);
  });

  it('runs concurrently without applying anything twice', async () => {
    const results = await Promise.all([runMigrations(url), runMigrations(url), runMigrations(url)]);
    expect(results.every((r) => r.applied.length === 0 && r.layout.length === 0)).toBe(true);
  });

  it('refuses to go on when an applied migration was edited', async () => {
    const dir = copyOf(defaultMigrationsDir(), 'cairn-mig-');
    const firstName = readdirSync(dir).sort()[0];
    appendFileSync(join(dir, firstName, 'migration.sql'), '\n-- edited\n');
    await expect(runMigrations(url, dir)).rejects.toBeInstanceOf(MigrationChecksumError);
  });

  it('refuses to go on when an applied layout step was edited', async () => {
    const dir = copyOf(defaultLayoutDir(), 'cairn-layout-');
    await runMigrations(url, undefined, { layoutDir: defaultLayoutDir() });
    appendFileSync(join(dir, readdirSync(dir).sort()[0]), '\n-- edited\n');
    await expect(runMigrations(url, undefined, { layoutDir: dir })).rejects.toThrow(MigrationChecksumError);
  });

  it('rolls back a failing migration and records nothing for it', async () => {
    const dir = copyOf(defaultMigrationsDir(), 'cairn-mig-');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, '99990101000000_broken'));
    writeFileSync(join(dir, '99990101000000_broken', 'migration.sql'), 'CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;');
    await expect(runMigrations(url, dir)).rejects.toThrow(/99990101000000_broken failed/);
    expect(await query("SELECT to_regclass('half_done') AS t")).toEqual([{ t: null }]);
    expect(await query("SELECT 1 FROM _prisma_migrations WHERE migration_name = '99990101000000_broken'")).toEqual([]);
  });
});
