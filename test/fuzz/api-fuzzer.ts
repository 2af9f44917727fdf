// Sends fast-check-drawn requests for every route to a running API and
// counts what came back. A 5xx, a timeout or a dropped connection is a
// failure, reported with the request that caused it.
import fc from 'fast-check';
import * as http from 'node:http';
import type { FuzzWorld } from './fuzz-world';
import { OpenApiDocument, routesOf } from './openapi-routes';
import { FuzzRequest, requestArbitrary } from './request-arbitrary';

export interface FuzzOptions {
  runs: number;
  seed: number;
  concurrency?: number;
  timeoutMs?: number;
}

export interface FuzzFailure {
  index: number;
  request: FuzzRequest;
  outcome: string;
}

export interface FuzzReport {
  total: number;
  perRoute: Map<string, Record<string, number>>;
  failures: FuzzFailure[];
  durationMs: number;
}

// Drawn in chunks, each from its own derived seed: thousands of requests
// (some with bodies near the size limit) need not sit in memory at once.
const CHUNK = 250;
const UNSENDABLE = 'not sent (refused by the client)';

export async function fuzzApi(world: FuzzWorld, doc: OpenApiDocument, options: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const routes = routesOf(doc);
  const perRoute = new Map(
    routes.map((r) => [r.key, { requests: 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, other: 0 } as Record<string, number>]),
  );
  const arbitrary = fc.constantFrom(...routes).chain((route) => requestArbitrary(doc, route, world));
  const failures: FuzzFailure[] = [];
  for (let from = 0; from < options.runs; from += CHUNK) {
    const requests = fc.sample(arbitrary, { seed: options.seed + from, numRuns: Math.min(CHUNK, options.runs - from) });
    let next = 0;
    const lane = async () => {
      for (let i = next++; i < requests.length; i = next++) {
        const request = requests[i];
        const outcome = await send(world.baseUrl, request, options.timeoutMs ?? 30_000);
        const counts = perRoute.get(request.route)!;
        counts.requests++;
        const bucket = typeof outcome === 'number' ? `${Math.floor(outcome / 100)}xx` : 'other';
        counts[bucket in counts ? bucket : 'other']++;
        const failed = typeof outcome === 'number' ? outcome >= 500 : !outcome.startsWith(UNSENDABLE);
        if (failed) failures.push({ index: from + i, request, outcome: String(outcome) });
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 6 }, lane));
  }
  return { total: options.runs, perRoute, failures, durationMs: Date.now() - started };
}

/** Over a connection of its own (no agent): a dropped connection then belongs to the request that caused it. */
function send(baseUrl: string, request: FuzzRequest, timeoutMs: number): Promise<number | string> {
  return new Promise((resolve) => {
    let req: http.ClientRequest;
    try {
      // Node sends a GET's or DELETE's body without a length unless told; the server would read it as a second request.
      const headers =
        request.body === undefined ? request.headers : { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) };
      req = http.request(`${baseUrl}${request.path}`, { method: request.method, headers, agent: false, timeout: timeoutMs }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 'no status'));
        res.on('error', (error) => resolve(`response error: ${error.message}`));
      });
    } catch (error) {
      // Node refuses to send it (an invalid header, say): nothing reached the server.
      return resolve(`${UNSENDABLE}: ${(error as Error).message}`);
    }
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error) => resolve(`request error: ${error.message}`));
    req.end(request.body);
  });
}

/** The table printed after a run, and one block per failure with the request that reproduces it. */
export function formatReport(report: FuzzReport, seed: number): string {
  const rows = [...report.perRoute.entries()].sort(([a], [b]) => a.localeCompare(b));
  const width = Math.max(...rows.map(([key]) => key.length));
  const lines = [
    `API fuzz: ${report.total} requests, seed ${seed}, ${(report.durationMs / 1000).toFixed(1)} s`,
    `${'route'.padEnd(width)}  requests   2xx   3xx   4xx   5xx  other`,
  ];
  for (const [key, c] of rows) {
    lines.push(
      `${key.padEnd(width)}  ${[c.requests, c['2xx'], c['3xx'], c['4xx'], c['5xx'], c.other].map((n) => String(n).padStart(n === c.requests ? 8 : 5)).join(' ')}`,
    );
  }
  for (const f of report.failures.slice(0, 20)) {
    const path = f.request.path.length > 300 ? `${f.request.path.slice(0, 300)}… (${f.request.path.length} chars)` : f.request.path;
    lines.push('', `FAILURE #${f.index}: ${f.outcome}`, `  ${f.request.method} ${path}`, `  headers: ${JSON.stringify(f.request.headers)}`);
    if (f.request.body !== undefined)
      lines.push(`  body (${f.request.body.length} chars): ${JSON.stringify(f.request.body.slice(0, 400))}`);
  }
  return lines.join('\n');
}
