// npm run bench:scores — 10 million responses in a database of its own, then
// p50/p95 of the three score reads through the real services: from rollups,
// and from the raw responses table (the same service with rawOnly) as the
// baseline measured in the same run. Env: BENCH_RESPONSES, BENCH_RUNS,
// BENCH_RAW_RUNS, BENCH_KEEP=1 (keep the database, and reuse a kept one seeded
// with the same BENCH_RESPONSES: seeding 10M rows takes minutes), BENCH_ADMIN_URL.
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { loadConfig, ConfigModule } from '@cairn/config';
import { DatabaseModule, runMigrations } from '@cairn/database';
import { RollupRepository } from '@cairn/scoring';
import { JourneyMapService, ScoreService, ScoresModule } from '@cairn/scores';
import { BENCH_TPS_DDL, type Seeded, seedBenchmark, seededIds } from './scores-seed';
import { benchCases } from './scores-bench.cases';
import { measure, report } from './scores-bench.measure';

const DB = 'cairn_bench_scores';
const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const TOTAL = Number(process.env.BENCH_RESPONSES ?? 10_000_000);
const END = new Date('2026-11-01T00:00:00Z');
const START = new Date(END.getTime() - 3 * 365 * 86_400_000);
const log = (s: string) => process.stdout.write(`${s}\n`);

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// A kept database says what it holds in its comment, written only once the
// seed and the rollups are complete, so a run killed half-way is never reused.
const seededMark = (total: number) => `cairn bench: ${total} responses seeded`;

async function keptSeed(): Promise<boolean> {
  if (process.env.BENCH_KEEP !== '1') return false;
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT shobj_description(oid, 'pg_database') AS mark FROM pg_database WHERE datname = $1`, [DB]);
    return rows[0]?.mark === seededMark(TOTAL);
  } finally {
    await client.end();
  }
}

async function seed(url: string): Promise<Seeded> {
  log(`seeding ${TOTAL.toLocaleString('en')} responses into ${DB} (${START.toISOString()} → ${END.toISOString()})`);
  const db = new Client({ connectionString: url });
  db.on('error', (error) => log(`seed connection: ${error.message}`));
  await db.connect();
  try {
    const t0 = Date.now();
    // Bulk-load settings for this session only; the rows are valid by construction.
    await db.query(`SET synchronous_commit = off; SET maintenance_work_mem = '512MB'; SET session_replication_role = replica`);
    await db.query(BENCH_TPS_DDL);
    const seeded = await seedBenchmark(db, TOTAL, START, END, log);
    log(`seeded in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    return seeded;
  } finally {
    await db.end();
  }
}

async function main(): Promise<void> {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB}`;
  const reuse = await keptSeed();
  if (!reuse) {
    await admin(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${DB}`);
  }
  try {
    // Also on a kept database: migrations added since it was seeded apply to it.
    await runMigrations(url.toString());
    const seeded = reuse ? seededIds() : await seed(url.toString());
    if (reuse) log(`reusing ${DB}: ${TOTAL.toLocaleString('en')} responses kept by an earlier BENCH_KEEP=1 run`);

    const config = loadConfig({ DATABASE_URL: url.toString(), LOG_LEVEL: 'warn' });
    @Module({ imports: [ConfigModule.forRoot(config), DatabaseModule, ScoresModule], providers: [RollupRepository] })
    class BenchModule {}
    const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error', 'warn'] });
    try {
      const db = new Client({ connectionString: url.toString() });
      await db.connect();
      if (!reuse) {
        const t1 = Date.now();
        await app.get(RollupRepository).rebuild();
        log(`rollups rebuilt in ${((Date.now() - t1) / 1000).toFixed(0)} s`);
        for (const table of ['responses', 'score_rollups', 'score_rollups_daily', 'score_rollups_weekly'])
          await db.query(`VACUUM ANALYZE ${table}`);
        await db.query(`COMMENT ON DATABASE ${DB} IS '${seededMark(TOTAL)}'`);
      }
      const sizes = await db.query(`SELECT (SELECT count(*) FROM responses) AS responses, (SELECT count(*) FROM score_rollups) AS hourly,
        (SELECT count(*) FROM score_rollups_daily) AS daily, (SELECT count(*) FROM score_rollups_weekly) AS weekly, pg_size_pretty(pg_total_relation_size('responses')) AS raw_size`);
      log(`rows: ${JSON.stringify(sizes.rows[0])}`);
      await db.end();

      const cases = benchCases(app.get(ScoreService), app.get(JourneyMapService), seeded, END);
      const results = [];
      for (const c of cases)
        results.push(await measure(c, Number(process.env.BENCH_RUNS ?? 40), Number(process.env.BENCH_RAW_RUNS ?? 8), log));
      report(results, TOTAL, log);
    } finally {
      await app.close();
    }
  } finally {
    if (process.env.BENCH_KEEP !== '1') await admin(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  }
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
