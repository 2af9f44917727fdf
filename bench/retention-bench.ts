// npm run bench:retention — workspace retention's hourly run once most of the history is past the period (issue 18).
// A workspace keeps 12 months of three years of answers: its first run anonymises the two older years; every
// later run finds little or nothing newly expired. That later run is timed from the workspace's mark (before
// it, every answer is anonymised) and, as before the mark existed, from its first answer (mark cleared), against
// the raw floor of what either must read at least: one index probe for a linked answer between mark and cutoff.
// Env: BENCH_RESPONSES (300,000; people one per ten answers), BENCH_RUNS (5), BENCH_KEEP=1 (keep the database),
//   BENCH_ADMIN_URL.
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { loadConfig } from '@cairn/config';
import { CoreModule } from '@cairn/core';
import { runMigrations } from '@cairn/database';
import { PrivacyModule, RetentionService } from '@cairn/privacy';
import { deleteBenchKeys } from './bench-redis';
import { seedPeople } from './at-size-seed';
import { BENCH_TPS_DDL, seedBenchmark } from './scores-seed';

const DB = 'cairn_bench_retention';
const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 300_000);
const PEOPLE = Math.max(1, Math.round(RESPONSES / 10));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const MONTHS_KEPT = 12;
const END = new Date();
const START = new Date(END.getTime() - 3 * 365 * 86_400_000);
const PREFIX = `cairn-bench-retention-${process.pid}`;
const log = (s: string) => process.stdout.write(`${s}\n`);

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

/** Median milliseconds of `runs` calls. */
async function median(runs: number, call: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await call();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

async function main(): Promise<void> {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB}`;
  await admin(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${DB}`);
  const db = new Client({ connectionString: url.toString() });
  const config = loadConfig({ ...process.env, DATABASE_URL: url.toString(), REDIS_PREFIX: PREFIX, LOG_LEVEL: 'warn' });
  try {
    await runMigrations(url.toString());
    await db.connect();
    const [{ id: workspaceId }] = (
      await db.query(
        `INSERT INTO workspaces (id, slug, name, publishable_key) VALUES ('bench-ws', 'bench', 'Bench', 'pk_bench') RETURNING id`,
      )
    ).rows;
    log(`retention benchmark: ${RESPONSES.toLocaleString('en')} answers of ${PEOPLE.toLocaleString('en')} people over three years`);
    await db.query(`SET synchronous_commit = off; SET session_replication_role = replica`);
    await seedPeople(db, workspaceId, PEOPLE, START, END, log);
    await db.query(BENCH_TPS_DDL);
    await seedBenchmark(db, RESPONSES, START, END, log, { into: workspaceId, people: PEOPLE });
    await db.query(`RESET session_replication_role`);
    await db.query(`UPDATE workspaces SET retention_months = $1 WHERE id = $2`, [MONTHS_KEPT, workspaceId]);
    await db.query('VACUUM ANALYZE');

    @Module({ imports: [CoreModule.forRoot(config), PrivacyModule] })
    class BenchModule {}
    const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error', 'warn'], abortOnError: false });
    try {
      const retention = app.get(RetentionService);
      const t0 = Date.now();
      const first = await retention.apply();
      log(`first run: ${first.toLocaleString('en')} answers anonymised in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      await db.query('VACUUM ANALYZE responses');
      const [{ mark }] = (await db.query(`SELECT retention_checked_until AS mark FROM workspaces WHERE id = $1`, [workspaceId])).rows;

      // The floor: one probe of the (workspace, created_at) index for a linked answer between the mark and the cutoff.
      const raw = await median(RUNS, () =>
        db.query(
          `SELECT 1 FROM responses WHERE workspace_id = $1 AND created_at >= $2 AND created_at < $3
             AND (comment IS NOT NULL OR person_id IS NOT NULL OR invitation_id IS NOT NULL) LIMIT 1`,
          [workspaceId, mark, mark],
        ),
      );
      const fromMark = await median(RUNS, () => retention.apply());
      const fromFirst = await median(RUNS, async () => {
        await db.query(`UPDATE workspaces SET retention_checked_until = NULL WHERE id = $1`, [workspaceId]);
        await retention.apply();
      });
      const anonymised = (await db.query(`SELECT count(*)::int AS n FROM responses WHERE anonymised_at IS NOT NULL`)).rows[0].n;
      log(
        `\nthe next hourly run (nothing newly expired; ${anonymised.toLocaleString('en')} anonymised answers behind the cutoff), median of ${RUNS}:`,
      );
      log('| run | ms | / raw floor |');
      log('|---|---|---|');
      log(`| raw floor: one index probe | ${raw.toFixed(2)} | 1 |`);
      log(`| from the workspace's mark | ${fromMark.toFixed(1)} | ${(fromMark / raw).toFixed(1)} |`);
      log(`| from its first answer (as before the mark) | ${fromFirst.toFixed(1)} | ${(fromFirst / raw).toFixed(1)} |`);
      log(`walking from the mark: ${(fromFirst / fromMark).toFixed(0)}× less time per hourly run`);
    } finally {
      await app.close();
    }
  } finally {
    await db.end();
    await deleteBenchKeys(PREFIX, config.redisUrl);
    if (!process.env.BENCH_KEEP) await admin(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
