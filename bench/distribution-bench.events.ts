// Part 1 of distribution-bench: events/s accepted by POST /api/v1/events (the
// real API in its own process: auth, validation, one transaction with person
// upsert + row lock, fatigue checks, event, invitation, outbox; then the
// outbox flush to BullMQ) against a bare loop of single-row INSERTs.
import { ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Pool } from 'pg';
import { Load, loop, postLoad } from './distribution-bench.load';
import { rssLine } from './process-rss';

const CONNECTIONS = 50;

function startApi(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; origin: string }> {
  const child = fork(join(__dirname, 'distribution-bench.api.js'), [], { env: { ...process.env, ...env }, stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve({ child, origin: `http://127.0.0.1:${m.port}` }));
    child.once('exit', (code) => reject(new Error(`API exited with ${code}`)));
  });
}

async function call(
  origin: string,
  key: string,
  path: string,
  body: object,
): Promise<Record<string, never> & { id: string; stages: Array<{ id: string }> }> {
  const res = await fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json() as never;
}

/** A journey with one NPS survey on order.delivered, two days after the event (nothing is sent while measuring). */
async function setup(origin: string, key: string): Promise<void> {
  const journey = await call(origin, key, '/api/v1/journeys', { name: 'Bench', stages: [{ name: 'Delivery' }] });
  const touchpoint = await call(origin, key, '/api/v1/touchpoints', {
    stageId: journey.stages[0].id,
    name: 'Delivery',
    key: 'bench',
    channel: 'delivery',
  });
  await call(origin, key, '/api/v1/surveys', {
    touchpointId: touchpoint.id,
    metric: 'nps',
    trigger: { event: 'order.delivered', delaySeconds: 172800 },
  });
}

export async function benchEvents(
  env: NodeJS.ProcessEnv,
  databaseUrl: string,
  seconds: number,
  log: (s: string) => void,
): Promise<{ api: Load; raw: Load }> {
  const { child, origin } = await startApi(env);
  let api: Load;
  try {
    const key = env.CAIRN_BOOTSTRAP_API_KEY!;
    await setup(origin, key);
    let n = 0;
    const run = randomBytes(3).toString('hex');
    const body = () =>
      JSON.stringify({
        type: 'order.delivered',
        person: { email: `p${run}-${n++}@example.com`, name: 'Bench', properties: { plan: 'pro' } },
        properties: { orderId: `o-${n}` },
      });
    const headers = { authorization: `Bearer ${key}` };
    log(`  ${rssLine('idle', { api: child.pid })}`);
    await postLoad(origin, '/api/v1/events', headers, body, CONNECTIONS, 2);
    api = await postLoad(origin, '/api/v1/events', headers, body, CONNECTIONS, seconds);
    log(`  ${rssLine(`after ${seconds + 2} s of events`, { api: child.pid })}`);
    log(
      `  POST /events: ${api.perSecond.toFixed(0)} events/s (${api.failed} failed), p50 ${api.p50.toFixed(1)} ms, p99 ${api.p99.toFixed(1)} ms`,
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }

  const pool = new Pool({ connectionString: databaseUrl, max: 20 });
  await pool.query(
    'CREATE TABLE bench_raw_events (id bigserial PRIMARY KEY, type text NOT NULL, email text NOT NULL, properties jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())',
  );
  let i = 0;
  const insert = () =>
    pool.query('INSERT INTO bench_raw_events (type, email, properties) VALUES ($1, $2, $3)', [
      'order.delivered',
      `raw-${i++}@example.com`,
      '{"plan":"pro"}',
    ]);
  await loop(insert, CONNECTIONS, 2);
  const raw = await loop(insert, CONNECTIONS, seconds);
  await pool.end();
  log(
    `  bare INSERT loop (${CONNECTIONS} loops, pg pool 20): ${raw.perSecond.toFixed(0)} rows/s, p50 ${raw.p50.toFixed(1)} ms, p99 ${raw.p99.toFixed(1)} ms`,
  );
  return { api: api!, raw };
}
