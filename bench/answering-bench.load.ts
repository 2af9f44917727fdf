// A closed-loop load generator: `connections` clients, each sending its next
// request as soon as the previous answer arrived, for a fixed time.
import { Pool } from 'undici';

export interface LoadResult {
  ok: number;
  failed: number;
  statuses: Record<number, number>;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

export async function runLoad(
  origin: string,
  connections: number,
  seconds: number,
  next: () => { path: string; body: string } | null,
): Promise<LoadResult> {
  const pool = new Pool(origin, { connections, pipelining: 1 });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let failed = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const client = async () => {
    for (let request = next(); request && performance.now() < deadline; request = next()) {
      const t0 = performance.now();
      try {
        const res = await pool.request({
          method: 'POST',
          path: request.path,
          headers: { 'content-type': 'application/json' },
          body: request.body,
        });
        await res.body.dump();
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        if (res.statusCode >= 200 && res.statusCode < 300) latencies.push(performance.now() - t0);
        else failed++;
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, client));
  const elapsed = (performance.now() - started) / 1000;
  await pool.close();
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)] ?? NaN;
  return { ok: latencies.length, failed, statuses, seconds: elapsed, perSecond: latencies.length / elapsed, p50: at(0.5), p99: at(0.99) };
}
