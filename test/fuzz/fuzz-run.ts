// npm run fuzz — the API fuzzer's long run, outside Jest:
//   FUZZ_RUNS (default 20000) requests, FUZZ_SEED (default: the clock, printed,
//   so a failure can be replayed with the same seed). Its own database,
//   dropped afterwards; exits 1 on any 5xx, dropped connection or dead process.
import { randomBytes } from 'node:crypto';
import { runMigrations } from '@cairn/database';
import { adminQuery, databaseUrl } from '../utils/test-database';
import { formatReport, fuzzApi } from './api-fuzzer';
import { startFuzzStack } from './fuzz-stack';

async function main(): Promise<number> {
  const runs = Number(process.env.FUZZ_RUNS ?? 20_000);
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
  if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) throw new Error('FUZZ_RUNS and FUZZ_SEED must be integers');
  const name = `cairn_fuzz_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  try {
    await runMigrations(databaseUrl(name));
    const stack = await startFuzzStack(databaseUrl(name));
    try {
      process.stdout.write(`Fuzzing ${stack.api.url} with ${runs} requests, seed ${seed} (FUZZ_SEED=${seed} replays this run)\n`);
      const report = await fuzzApi(stack.world, stack.doc, { runs, seed });
      const health = await stack.healthy();
      process.stdout.write(`${formatReport(report, seed)}\n\nprocesses: ${JSON.stringify(health)}\n`);
      if (report.failures.length) process.stdout.write(`\nAPI output:\n${stack.api.output().slice(-20_000)}\n`);
      return report.failures.length === 0 && health.apiAlive && health.workerAlive && health.live === 200 ? 0 : 1;
    } finally {
      await stack.stop();
    }
  } finally {
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`fuzz failed: ${error instanceof Error ? error.stack : error}\n`);
    process.exit(1);
  },
);
