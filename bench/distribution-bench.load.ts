// Closed-loop load: `connections` clients over keep-alive sockets, each sending
// its next request when the previous answer arrived, for a fixed time.
import { Agent, request } from 'node:http';

export interface Load {
  ok: number;
  failed: number;
  perSecond: number;
  p50: number;
  p99: number;
}

function post(agent: Agent, origin: URL, path: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: origin.hostname,
        port: origin.port,
        method: 'POST',
        path,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

export async function postLoad(
  origin: string,
  path: string,
  headers: Record<string, string>,
  body: () => string,
  connections: number,
  seconds: number,
): Promise<Load> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const url = new URL(origin);
  const latencies: number[] = [];
  let failed = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const client = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      const status = await post(agent, url, path, headers, body()).catch(() => 0);
      if (status >= 200 && status < 300) latencies.push(performance.now() - t0);
      else failed++;
    }
  };
  await Promise.all(Array.from({ length: connections }, client));
  agent.destroy();
  return summarize(latencies, failed, (performance.now() - started) / 1000);
}

/** The raw baseline: `workers` loops, each awaiting one task after the other, for a fixed time. */
export async function loop(task: () => Promise<unknown>, workers: number, seconds: number): Promise<Load> {
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        await task();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return summarize(latencies, 0, (performance.now() - started) / 1000);
}

function summarize(latencies: number[], failed: number, seconds: number): Load {
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { ok: latencies.length, failed, perSecond: latencies.length / seconds, p50: at(0.5), p99: at(0.99) };
}
