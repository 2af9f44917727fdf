import { formatTable } from './chaos/chaos-checks';
import { runChaos } from './chaos/chaos-orchestrator';

// The short version of `npm run chaos`, for CI: the same orchestrator and the
// same checks, 35 s of load with every kind of fault (densely scheduled).
describe('chaos run (short)', () => {
  it('under load, with workers and an API SIGKILLed, Redis and Postgres restarted, backends terminated, SMTP 421/451/550 and the webhook receiver down: nothing lost, nothing twice, nobody dead', async () => {
    const lines: string[] = [];
    const result = await runChaos({ seconds: Number(process.env.CHAOS_SECONDS ?? 35), log: (line) => lines.push(line) });
    process.stdout.write(`${lines.join('\n')}\n${formatTable(result.rows)}\nretried requests: ${JSON.stringify(result.refused)}\n`);
    expect(result.faults).toHaveLength(8);
    expect(result.unexpectedDeaths).toEqual([]);
    expect(result.rows.filter((row) => !row.ok)).toEqual([]);
  }, 900_000);
});
