import { formatTable } from './chaos-checks';
import { runChaos } from './chaos-orchestrator';

/**
 * npm run chaos — CHAOS_SECONDS (default 240) of load and faults against a
 * platform of its own (Postgres, Redis, 2 APIs, 3 workers on spare ports),
 * then the table of checks; exits 1 when one fails.
 */
async function main(): Promise<void> {
  const seconds = Number(process.env.CHAOS_SECONDS ?? 240);
  if (!Number.isFinite(seconds) || seconds < 20)
    throw new Error(`CHAOS_SECONDS must be a number >= 20, got "${process.env.CHAOS_SECONDS}"`);
  const log = (line: string) => process.stdout.write(`[chaos] ${line}\n`);
  log(`${seconds} s of load with faults`);
  const result = await runChaos({ seconds, log, eventsPerSecond: Number(process.env.CHAOS_EVENTS_PER_SECOND ?? 6) });
  process.stdout.write(formatTable(result.rows));
  process.stdout.write(`retried requests during faults: ${JSON.stringify(result.refused)}\n`);
  for (const death of result.unexpectedDeaths) process.stdout.write(`unexpected death: ${death}\n`);
  process.exit(result.ok ? 0 : 1);
}

main().catch((error) => {
  process.stderr.write(`chaos run failed: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
