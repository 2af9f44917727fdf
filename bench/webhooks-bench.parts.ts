// Pieces of webhooks-bench: child processes, seed data, the receiver and the raw floor.
import { ChildProcess, fork } from 'node:child_process';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { Client, Pool } from 'pg';
import { randomToken, sha256Hex } from '@cairn/common';
import { AllowList, sendWebhook } from '@cairn/webhooks';
import { nodeRuntimeEnv } from '@cairn/ops';

const EXT = extname(__filename);
// Run from source (node -r test/utils/ts-register.js bench/webhooks-bench.ts) the children need the same hook.
// The bench's own node flags go along too: `node --cpu-prof --cpu-prof-dir=… bench` profiles the API and worker as well.
const EXEC_ARGV = [
  ...process.execArgv,
  ...(EXT === '.ts' && !process.execArgv.some((a) => a.includes('ts-register'))
    ? ['-r', join(__dirname, '..', 'test', 'utils', 'ts-register.js')]
    : []),
];

/** A child process; resolves once `ready` says it is up. */
export function startChild(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: (msg: unknown, out: string) => number | boolean,
): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(join(__dirname, '..', file + EXT), args, {
    env: { ...nodeRuntimeEnv(process.env, file.includes('worker') ? 'worker' : 'api'), ...env },
    execArgv: EXEC_ARGV,
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const check = (msg: unknown) => {
      const port = ready(msg, out);
      if (port !== false) resolve({ child, port: Number(port) });
    };
    child.stdout!.on('data', (chunk: Buffer) => ((out += chunk.toString()), check(undefined)));
    child.on('message', check);
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}:\n${out}`)));
  });
}

/**
 * A running service's history: `n` delivered deliveries (each with its attempt) of an endpoint since switched off,
 * and as many answered invitations (each with its link token and its answer) and relayed outbox rows, from the past
 * month, then ANALYZE, as autovacuum has long done in a running service. Each connection plans its prepared statements for
 * the tables as they are then and keeps the plan until an ANALYZE invalidates it: on a new database, plans for empty
 * tables (a seq scan, a hash join), kept through a run that grows them a hundredfold, which is a new install's first
 * minute, not the steady state the goals are about. BENCH_HISTORY=0 measures that first minute.
 */
export async function seedHistory(db: Client, n: number): Promise<void> {
  // The g-th invitation of the history was sent g × 2 minutes ago and answered an hour later (the past month for 20,000).
  const sent = `(now() AT TIME ZONE 'UTC' - g * interval '2 minutes')`;
  const answered = `${sent} + interval '1 hour'`;
  // A body of the size of a real one: the cost of a wrong plan is in the pages it reads.
  await db.query(`
    INSERT INTO webhook_endpoints (id, workspace_id, url, events, secret, enabled)
      SELECT 'bench-history', id, 'http://127.0.0.1:9/history', ARRAY['response.created'], 'whsec_aGlzdG9yeQ==', false
      FROM workspaces WHERE slug = 'default';
    INSERT INTO webhook_deliveries (id, endpoint_id, outbox_event_id, event_type, payload, status, attempts, last_status, delivered_at)
      SELECT 'history-' || g, 'bench-history', 'history-event-' || g, 'response.created', to_jsonb(repeat('x', 900)), 'succeeded', 1, 200, now()
      FROM generate_series(1, ${n}) g;
    INSERT INTO webhook_attempts (id, delivery_id, number, status_code, latency_ms)
      SELECT 'history-attempt-' || g, 'history-' || g, 1, 200, 5 FROM generate_series(1, ${n}) g;
    -- Without these the answer's token look-up and the dispatch's outbox read were planned on tables of a thousand
    -- rows or fewer: seq scans, kept by some connections while the run grew the outbox past 3,000 rows.
    INSERT INTO invitations (id, workspace_id, survey_id, person_id, status, scheduled_for, sent_at, responded_at, expires_at, created_at)
      SELECT 'history-i-' || g, workspace_id, 'wv', 'wp', 'responded', ${sent}, ${sent}, ${answered}, ${sent} + interval '30 days', ${sent}
      FROM journeys, generate_series(1, ${n}) g WHERE id = 'wj';
    INSERT INTO invitation_tokens (id, invitation_id, kind, token_hash)
      SELECT 'history-k-' || g, 'history-i-' || g, 'response', md5('history-' || g) FROM generate_series(1, ${n}) g;
    INSERT INTO responses (id, workspace_id, journey_id, stage_id, touchpoint_id, invitation_id, person_id, metric, scale_min, scale_max, score, source, created_at, updated_at)
      SELECT 'history-r-' || g, workspace_id, 'wj', 'ws', 'wt', 'history-i-' || g, 'wp', 'nps', 0, 10, g % 11, 'email', ${answered}, ${answered}
      FROM journeys, generate_series(1, ${n}) g WHERE id = 'wj';
    INSERT INTO outbox_events (id, workspace_id, topic, payload, created_at, processed_at)
      SELECT 'history-event-' || g, workspace_id, 'response.created', jsonb_build_object('responseId', 'history-r-' || g), ${answered}, ${answered}
      FROM journeys, generate_series(1, ${n}) g WHERE id = 'wj';
    ANALYZE;`);
}

/** One NPS touchpoint, one person, `n` sent invitations; returns token → invitation id. */
export async function seed(db: Client, n: number): Promise<Map<string, string>> {
  await db.query(`
    INSERT INTO journeys (id, workspace_id, name) SELECT 'wj', id, 'Bench' FROM workspaces WHERE slug = 'default';
    INSERT INTO stages (id, workspace_id, journey_id, name, position) SELECT 'ws', workspace_id, 'wj', 'Purchase', 0 FROM journeys WHERE id = 'wj';
    INSERT INTO touchpoints (id, workspace_id, journey_id, stage_id, name, key, channel) SELECT 'wt', workspace_id, 'wj', 'ws', 'Checkout', 'bench', 'web' FROM journeys WHERE id = 'wj';
    INSERT INTO surveys (id, workspace_id, touchpoint_id, metric, trigger_event) SELECT 'wv', workspace_id, 'wt', 'nps', 'order.paid' FROM journeys WHERE id = 'wj';
    INSERT INTO people (id, workspace_id, email, name, properties) SELECT 'wp', workspace_id, 'bench@example.com', 'Bench', '{"plan":"pro"}' FROM journeys WHERE id = 'wj';
    INSERT INTO invitations (id, workspace_id, survey_id, person_id, status, scheduled_for, sent_at, expires_at)
      SELECT 'wi' || g, workspace_id, 'wv', 'wp', 'sent', now(), now(), now() + interval '30 days' FROM journeys, generate_series(1, ${n}) g WHERE id = 'wj';
    -- No SMTP here: the case emails would only fail and retry in the background.
    UPDATE users SET notify_on_case = false;
    CREATE TABLE bench_raw (id bigserial PRIMARY KEY, token text NOT NULL, score int NOT NULL, created_at timestamptz NOT NULL DEFAULT now());`);
  const tokens = Array.from({ length: n }, () => randomToken());
  await db.query(
    `INSERT INTO invitation_tokens (id, invitation_id, kind, token_hash)
     SELECT 'wk' || g, 'wi' || g, 'response', h FROM unnest($1::text[]) WITH ORDINALITY AS t(h, g)`,
    [tokens.map(sha256Hex)],
  );
  return new Map(tokens.map((t, i) => [t, `wi${i + 1}`]));
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Open-loop load: starts one call every `intervalMs`, whatever the answers do. */
export async function paced(count: number, intervalMs: number, call: (i: number) => Promise<void>): Promise<void> {
  const started = performance.now();
  const calls: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const wait = started + i * intervalMs - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    calls.push(call(i));
  }
  await Promise.all(calls);
}

export function post(origin: string, path: string, body: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${origin}${path}`,
      { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...headers } },
      (res) => {
        res.resume().on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The floor: insert the answer, sign and POST the webhook in the same request, nothing queued. */
export async function rawServer(
  databaseUrl: string,
  hookUrl: string,
  secret: string,
  allow: AllowList,
): Promise<{ origin: string; close: () => Promise<void> }> {
  const pool = new Pool({ connectionString: databaseUrl, max: 20 });
  const server = http.createServer((req, res) => {
    const answer = async () => {
      const key = (req.url ?? '').split('/').pop()!;
      await pool.query('INSERT INTO bench_raw (token, score) VALUES ($1, $2)', [key, 3]);
      const body = JSON.stringify({ type: 'response.detractor', id: key, createdAt: new Date().toISOString(), data: { rawKey: key } });
      await sendWebhook({ url: hookUrl, id: `raw_${key}`, timestamp: new Date(), body, secret }, { allow });
    };
    // A failed insert answers 500 rather than ending the benchmark with an unhandled rejection.
    req.resume().on(
      'end',
      () =>
        void answer().then(
          () => res.writeHead(201).end(),
          () => res.writeHead(500).end(),
        ),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: async () => (server.close(), pool.end()) };
}

/** POST /api/v1/webhooks; returns the secret, shown this once. */
export function createWebhook(origin: string, apiKey: string, url: string, events: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` };
    const req = http.request(`${origin}/api/v1/webhooks`, { method: 'POST', headers }, (res) => {
      let body = '';
      res
        .setEncoding('utf8')
        .on('data', (c: string) => (body += c))
        .on('end', () => resolve((JSON.parse(body) as { secret: string }).secret));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ url, events }));
  });
}

/** `label` may be a function, so a timeout says how far it got. */
export async function waitUntil(check: () => boolean, timeoutMs: number, label: string | (() => string)): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${typeof label === 'function' ? label() : label}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Medians of each hop of the detractor path, from the timestamps the rows carry. */
export async function stages(db: Client): Promise<Record<string, number>> {
  const ms = (a: string, b: string) =>
    `round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ${b} - ${a}) * 1000))::numeric, 1)`;
  const { rows } = await db.query(`
    SELECT ${ms('r.created_at', 'o.processed_at')} AS "answer→relayed", ${ms('o.processed_at', 'd.created_at')} AS "relayed→delivery row",
      ${ms('d.created_at', 'a.created_at')} AS "delivery row→attempt logged", ${ms('r.created_at', 'a.created_at')} AS "answer→attempt logged"
    FROM outbox_events o JOIN responses r ON r.id = o.payload->>'responseId'
    JOIN webhook_deliveries d ON d.outbox_event_id = o.id JOIN webhook_attempts a ON a.delivery_id = d.id AND a.number = 1
    WHERE o.topic = 'response.detractor'`);
  return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
}
