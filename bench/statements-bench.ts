// npm run bench:statements -- <bench> [<bench> …]: where Postgres spends its time under a benchmark's load.
// Runs each named benchmark (distribution, answering, webhooks, …: dist/bench/<name>-bench.js, with this process's
// environment, so BENCH_REMINDERS=due and the like apply) against a PostgreSQL of its own, started from the
// machine's binaries on a spare port with pg_stat_statements loaded, which the shared server does not load. Then it
// prints the statements that took the most time, per call and in all. Nested statements (the foreign-key checks a
// trigger runs, those of a function) are listed too, and their time is also inside the statement that ran them.
// The extension costs a little per statement: read the benchmark's own ratios from a plain run.
// Env: BENCH_STATEMENTS_TOP (25).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { OwnPostgres } from '../test/utils/own-postgres';

const TOP = Number(process.env.BENCH_STATEMENTS_TOP ?? 25);
const log = (s: string) => process.stdout.write(`${s}\n`);

// A server as a service would run one: durable commits and autovacuum (OwnPostgres's defaults trade them for speed),
// the shared server's buffers.
const SERVER = {
  fsync: 'on',
  synchronous_commit: 'on',
  full_page_writes: 'on',
  shared_buffers: '160MB',
  shared_preload_libraries: 'pg_stat_statements',
  'pg_stat_statements.track': 'all',
  'pg_stat_statements.max': '10000',
};

interface StatementRow {
  calls: string;
  total: number;
  rows: string;
  query: string;
}

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  const missing = names.filter((name) => !existsSync(join(__dirname, `${name}-bench.js`)));
  if (!names.length || missing.length) {
    throw new Error(
      `usage: npm run bench:statements -- <bench> …  (no dist/bench/<name>-bench.js for: ${missing.join(', ') || 'none given'})`,
    );
  }
  const pg = await OwnPostgres.start(SERVER);
  try {
    await pg.query('CREATE EXTENSION pg_stat_statements');
    for (const name of names) {
      log(`\n=== ${name}, on a Postgres of its own at port ${pg.port} ===`);
      await pg.query('SELECT pg_stat_statements_reset()');
      const bench = spawnSync(process.execPath, [join(__dirname, `${name}-bench.js`)], {
        stdio: 'inherit',
        env: { ...process.env, BENCH_ADMIN_URL: pg.url() },
      });
      if (bench.status !== 0) process.exitCode = 1;
      const { rows } = await pg.query(
        `SELECT calls, total_exec_time AS total, rows, regexp_replace(query, '\\s+', ' ', 'g') AS query
         FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT $1`,
        [TOP],
      );
      log(`\nstatements by time in all (${name}):\n   ms in all   ms/call     calls      rows  statement`);
      for (const row of rows as StatementRow[]) {
        const perCall = row.total / Number(row.calls);
        log(
          `${row.total.toFixed(0).padStart(12)}${perCall.toFixed(3).padStart(10)}${row.calls.padStart(10)}${row.rows.padStart(10)}  ${row.query.slice(0, 110)}`,
        );
      }
    }
  } finally {
    await pg.stop();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
