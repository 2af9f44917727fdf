// Responses per second through POST /r/:token (the real API: rate limit,
// token look-up, then one statement that locks the invitation and writes the
// response, its outbox rows and its rollup delta; then the outbox flush), 50
// connections, all to one touchpoint and spread over many, against a bare
// node:http + pg INSERT server measured in the same run on the same database.
//   node -r ./test/utils/ts-register.js bench/answering-bench.ts   (or built: node dist/bench/answering-bench.js)
// Env: BENCH_SECONDS (10), BENCH_INVITATIONS (30000), BENCH_ADMIN_URL.
import type { ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { Client } from 'pg';
import { randomToken } from '@cairn/common';
import { runMigrations } from '@cairn/database';
import { deleteBenchKeys } from './bench-redis';
import { answeringFixtures, feeder, startBenchServer } from './answering-bench.fixtures';
import { LoadResult, runLoad } from './answering-bench.load';
import { countProcessCpu } from './distribution-bench.cpu';
import { rssLine } from './process-rss';
import { countServiceCpu, perRequest } from './service-cpu';

const DB = 'cairn_bench_answering';
const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 2;
const INVITATIONS = Number(process.env.BENCH_INVITATIONS ?? 30_000);
const TOUCHPOINTS = 50;
const PREFIX = `cairn-bench-answering-${process.pid}`;
const log = (s: string) => process.stdout.write(`${s}\n`);

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

/** What the server process, the database's backends and Redis spent per answer: steadier than answers/s on a shared machine. */
interface Costs {
  db: Client;
  pid: number | undefined;
}

async function measure(
  name: string,
  origin: string,
  next: ReturnType<typeof feeder>,
  costs: Costs,
): Promise<LoadResult & { warm: number }> {
  const warm = await runLoad(origin, CONNECTIONS, WARMUP_SECONDS, next);
  const services = await countServiceCpu(costs.db, DB);
  const server = countProcessCpu(costs.pid);
  const result = await runLoad(origin, CONNECTIONS, SECONDS, next);
  const { cpu, writes } = server.stop();
  const { postgres, redis } = await services.stop();
  const per = (total: number | null) => perRequest(total, result.ok);
  log(
    `  ${name}: ${result.perSecond.toFixed(0)} responses/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, statuses ${JSON.stringify(result.statuses)}`,
  );
  log(`    CPU per answer: server ${per(cpu)} ms (${per(writes)} socket writes), Postgres ${per(postgres)} ms, Redis ${per(redis)} ms`);
  return { ...result, warm: warm.ok };
}

async function main(): Promise<void> {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB}`;
  await admin(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${DB}`);
  const children: ChildProcess[] = [];
  const db = new Client({ connectionString: url.toString() });
  try {
    await runMigrations(url.toString());
    const env = {
      DATABASE_URL: url.toString(),
      REDIS_PREFIX: PREFIX,
      CAIRN_BOOTSTRAP_API_KEY: `bench_${randomToken(16)}`,
      CAIRN_ADMIN_PASSWORD: 'bench-password-1',
    };
    const api = await startBenchServer('api', env);
    children.push(api.child);
    await db.connect();
    const tokens = await answeringFixtures(db, INVITATIONS, TOUCHPOINTS);
    const raw = await startBenchServer('raw', env);
    children.push(raw.child);
    log(
      `answering benchmark: ${CONNECTIONS} connections, ${SECONDS} s each after ${WARMUP_SECONDS} s warm-up, one new response per request`,
    );
    // The floor is measured before and after, so load from elsewhere on the machine shows up as a spread, not a bias.
    const [apiCosts, rawCosts] = [
      { db, pid: api.child.pid },
      { db, pid: raw.child.pid },
    ];
    const floor1 = await measure('node:http + pg INSERT (before)', raw.origin, feeder(null), rawCosts);
    log(rssLine('idle', { api: api.child.pid }));
    const hot = await measure('Cairn POST /r/:token, one touchpoint', api.origin, feeder(tokens.hot), apiCosts);
    const spread = await measure(`Cairn POST /r/:token, ${TOUCHPOINTS} touchpoints`, api.origin, feeder(tokens.spread), apiCosts);
    log(rssLine(`after ${2 * (SECONDS + WARMUP_SECONDS)} s of answers`, { api: api.child.pid }));
    const floor2 = await measure('node:http + pg INSERT (after)', raw.origin, feeder(null), rawCosts);

    const accepted = hot.ok + hot.warm + spread.ok + spread.warm;
    const stored = Number((await db.query('SELECT count(*) FROM responses')).rows[0].count);
    // What a score read counts: folded rollups plus the deltas no worker folded (none runs here).
    const rolled = Number(
      (
        await db.query(
          `SELECT (SELECT coalesce(sum(count), 0) FROM score_rollups) + (SELECT coalesce(sum(delta), 0) FROM score_rollup_deltas) AS n`,
        )
      ).rows[0].n,
    );
    const floor = (floor1.perSecond + floor2.perSecond) / 2;
    log('\n| server | responses/s | ratio to raw | p50 ms | p99 ms | failed |');
    log('|---|---|---|---|---|---|');
    for (const [name, r] of [
      ['node:http + pg INSERT (mean of 2)', { ...floor1, perSecond: floor }],
      ['Cairn POST /r/:token, one touchpoint', hot],
      [`Cairn POST /r/:token, ${TOUCHPOINTS} touchpoints`, spread],
    ] as const) {
      log(
        `| ${name} | ${r.perSecond.toFixed(0)} | ${(r.perSecond / floor).toFixed(3)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.failed} |`,
      );
    }
    log(
      `\nratio Cairn / raw floor: one touchpoint ${(hot.perSecond / floor).toFixed(3)}, ${TOUCHPOINTS} touchpoints ${(spread.perSecond / floor).toFixed(3)} (floor runs ${floor1.perSecond.toFixed(0)} and ${floor2.perSecond.toFixed(0)} /s)`,
    );
    log(`machine: ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} at the end of the run (others' processes included)`);
    log(
      `nothing lost: ${accepted} accepted, ${stored} stored, ${rolled} counted in rollups${stored === accepted && rolled === stored ? '' : '  <-- MISMATCH'}`,
    );
    for (const [name, r] of [
      ['one touchpoint', hot],
      ['spread', spread],
    ] as const) {
      if (r.ok + r.warm >= INVITATIONS) log(`warning: ${name} ran out of invitations; raise BENCH_INVITATIONS`);
    }
  } finally {
    for (const child of children) child.kill();
    await db.end().catch(() => undefined);
    await admin(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await deleteBenchKeys(PREFIX);
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
