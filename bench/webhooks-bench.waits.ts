// Samples pg_stat_activity of the bench database while a phase runs (BENCH_WAITS=1): what the
// sessions were doing, as shares of the samples, so a backed-up queue shows whether the
// database waits for the client (idle in transaction) or the client for the database.
import { Client } from 'pg';

export interface WaitSampler {
  stop(): Promise<string>;
}

export async function sampleWaits(databaseUrl: string, database: string, everyMs = 50): Promise<WaitSampler> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  // Another session may terminate this one (a test restarting Postgres on a shared machine): sampling just stops.
  let lost: Error | null = null;
  client.on('error', (error) => (lost = error));
  const counts = new Map<string, number>();
  let samples = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped && !lost) {
      const { rows } = await client
        .query<{ key: string; n: number }>(
          `SELECT state || coalesce(' / ' || wait_event_type || ':' || wait_event, '') || ' / ' || left(regexp_replace(query, '\\s+', ' ', 'g'), 60) AS key,
           count(*)::int AS n
         FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND state <> 'idle' GROUP BY 1`,
          [database],
        )
        .catch((error: Error) => ((lost = error), { rows: [] }));
      samples++;
      for (const { key, n } of rows) counts.set(key, (counts.get(key) ?? 0) + n);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      await client.end().catch(() => undefined);
      const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 12);
      const lines = top.map(([key, n]) => `    ${(n / samples).toFixed(2)} sessions  ${key}`);
      return [...lines, ...(lost ? [`    (sampling stopped early: ${(lost as Error).message})`] : [])].join('\n');
    },
  };
}
