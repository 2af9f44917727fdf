// Part 1 of distribution-bench: events/s accepted by POST /api/v1/events (the
// real API in its own process: auth, validation, one transaction with person
// upsert + row lock, fatigue checks, event, invitations, outbox; then the
// outbox flush to BullMQ) with ONE and with FIVE matching surveys per event,
// then the same events' SQL without the API (statementsOnly), each against a
// bare loop of single-row INSERTs measured in the same run.
import { ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { Clock } from '@cairn/common';
import { createPgPool, PG_POOL_SIZE } from '@cairn/database';
import { CreateEventDto, EventIntakeRepository, EventIntakeService } from '@cairn/distribution';
import { nodeRuntimeEnv } from '@cairn/ops';
import type { OutboxRelayService } from '@cairn/outbox';
import { countProcessCpu, usageMs } from './distribution-bench.cpu';
import { Load, loop, postLoad } from './distribution-bench.load';
import { rssLine } from './process-rss';
import { SerialCost, serialCost } from './distribution-bench.serial-cost';
import { countServiceCpu, perRequest } from './service-cpu';

const CONNECTIONS = 50;

/** The two event types measured: one survey listens to the first, five to the second. */
export const ONE_SURVEY_EVENT = 'order.delivered';
export const FIVE_SURVEYS_EVENT = 'order.returned';
/** "1 matching survey", "5 matching surveys". */
export const matchingSurveys = (n: number) => `${n} matching survey${n > 1 ? 's' : ''}`;

export interface EventsFigures {
  /** Events/s with one and with five matching surveys. */
  api: { one: Load; five: Load };
  /**
   * The events/s the machine's cores would carry at each phase's CPU per event (API, Postgres, Redis and this
   * process's load generator), were they all busy: the ceiling that CPU per event sets, steadier than events/s
   * on a shared machine. Postgres's WAL writer and checkpointer are not counted, so it is an upper bound.
   */
  ceiling: { one: number | null; five: number | null };
  /** The same events' SQL without the API (one matching survey): the ceiling the database sets. */
  statements: Load;
  /** Postgres's CPU per event and per bare INSERT on one connection, with one and five matching surveys: the steadiest figure of the database's part. */
  serial: { one: SerialCost; five: SerialCost };
  raw: Load;
}

function startApi(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; origin: string }> {
  const child = fork(join(__dirname, 'distribution-bench.api.js'), [], {
    env: { ...nodeRuntimeEnv(process.env, 'api'), ...env },
    stdio: 'inherit',
  });
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

/**
 * A journey with one NPS survey on order.delivered and five surveys (one per
 * touchpoint) on order.returned, two days after the event, so nothing is sent
 * while measuring. With the default 30-day throttle the first of the five is
 * scheduled and the other four stored as throttled, as in real use.
 */
export async function setup(origin: string, key: string): Promise<void> {
  const journey = await call(origin, key, '/api/v1/journeys', { name: 'Bench', stages: [{ name: 'Delivery' }] });
  for (let i = 0; i < 6; i++) {
    const touchpoint = await call(origin, key, '/api/v1/touchpoints', {
      stageId: journey.stages[0].id,
      name: `Delivery ${i}`,
      key: `bench-${i}`,
      channel: 'delivery',
    });
    await call(origin, key, '/api/v1/surveys', {
      touchpointId: touchpoint.id,
      metric: 'nps',
      trigger: { event: i === 0 ? ONE_SURVEY_EVENT : FIVE_SURVEYS_EVENT, delaySeconds: 172800 },
    });
  }
}

/** What Postgres holds for an event type: events, their invitations, and the outbox rows queueing sends. */
async function stored(pool: Pool, type: string): Promise<{ events: number; invitations: number; scheduled: number }> {
  const { rows } = await pool.query(
    `SELECT (SELECT count(*) FROM events WHERE type = $1)::int AS events,
       (SELECT count(*) FROM invitations i JOIN events e ON e.id = i.event_id WHERE e.type = $1)::int AS invitations,
       (SELECT count(*) FROM invitations i JOIN events e ON e.id = i.event_id WHERE e.type = $1 AND i.status = 'scheduled')::int AS scheduled`,
    [type],
  );
  return rows[0];
}

/**
 * The raw baseline: 50 loops of single-row INSERTs on a pool of 20. Measured
 * before and after the API's phases and averaged, so load that other work puts
 * on the machine during the run weighs on both sides of the ratio alike.
 */
async function bareInserts(pool: Pool, seconds: number): Promise<Load> {
  await pool.query(
    'CREATE TABLE IF NOT EXISTS bench_raw_events (id bigserial PRIMARY KEY, type text NOT NULL, email text NOT NULL, properties jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())',
  );
  let i = 0;
  const insert = () =>
    pool.query('INSERT INTO bench_raw_events (type, email, properties) VALUES ($1, $2, $3)', [
      'order.delivered',
      `raw-${i++}@example.com`,
      '{"plan":"pro"}',
    ]);
  await loop(insert, CONNECTIONS, 2);
  return loop(insert, CONNECTIONS, seconds);
}

/**
 * After each warm-up, as autovacuum does in a running service: the tables' statistics, and with them every
 * connection's cached plans (ANALYZE invalidates them). The API starts on an empty database, so the plans it keeps
 * for its prepared statements were made for empty tables: the decision statement then read ~500 buffers per event
 * where ~70-90 do (pg_stat_statements, 2026-12-05), and the first minute of a new install is not what is measured.
 */
const analyzeAfterWarmUp = (pool: Pool) => pool.query('ANALYZE');

/**
 * POST /events without HTTP, Nest or auth: EventIntakeService (its group commit) and EventIntakeRepository (its
 * statements) driven from this process by the same 50 loops, on a pool of the API's size. What is left between this
 * and the bare INSERT loop is the database's work per event; between this and the API, the API's. The outbox rows
 * stay in the database (no relay runs): the API's relay moves them after the commit, off the request's path.
 */
async function statementsOnly(databaseUrl: string, pool: Pool, workspaceId: string, seconds: number): Promise<Load> {
  const eventsPool = createPgPool(databaseUrl, PG_POOL_SIZE, 'bench statements');
  const relay = { flushSoon: () => undefined } as unknown as OutboxRelayService;
  const intake = new EventIntakeService(new EventIntakeRepository(null as never, eventsPool), relay, new Clock());
  const run = randomBytes(3).toString('hex');
  let n = 0;
  const event = () =>
    intake.accept(workspaceId, {
      type: ONE_SURVEY_EVENT,
      person: { email: `s${run}-${n++}@example.com`, name: 'Bench', properties: { plan: 'pro' } },
      properties: { orderId: `o-${n}` },
    } as CreateEventDto);
  try {
    await loop(event, CONNECTIONS, 2);
    await analyzeAfterWarmUp(pool);
    return await loop(event, CONNECTIONS, seconds);
  } finally {
    await eventsPool.end();
  }
}

export async function benchEvents(
  env: NodeJS.ProcessEnv,
  databaseUrl: string,
  seconds: number,
  log: (s: string) => void,
): Promise<EventsFigures> {
  const pool = new Pool({ connectionString: databaseUrl, max: 20 });
  const bare = (load: Load, when: string) =>
    log(
      `  bare INSERT loop ${when} (${CONNECTIONS} loops, pg pool 20): ${load.perSecond.toFixed(0)} rows/s, p50 ${load.p50.toFixed(1)} ms, p99 ${load.p99.toFixed(1)} ms`,
    );
  const before = await bareInserts(pool, seconds);
  bare(before, 'before');
  const { child, origin } = await startApi(env);
  const api: Partial<EventsFigures['api']> = {};
  const ceiling: EventsFigures['ceiling'] = { one: null, five: null };
  const costs = new Client({ connectionString: databaseUrl });
  await costs.connect();
  try {
    const key = env.CAIRN_BOOTSTRAP_API_KEY!;
    await setup(origin, key);
    const headers = { authorization: `Bearer ${key}` };
    log(`  ${rssLine('idle', { api: child.pid })}`);
    for (const [name, type, surveys] of [
      ['one', ONE_SURVEY_EVENT, 1],
      ['five', FIVE_SURVEYS_EVENT, 5],
    ] as const) {
      let n = 0;
      const run = randomBytes(3).toString('hex');
      const body = () =>
        JSON.stringify({
          type,
          person: { email: `p${run}-${n++}@example.com`, name: 'Bench', properties: { plan: 'pro' } },
          properties: { orderId: `o-${n}` },
        });
      const warm = await postLoad(origin, '/api/v1/events', headers, body, CONNECTIONS, 2);
      await analyzeAfterWarmUp(pool);
      const services = await countServiceCpu(costs, new URL(databaseUrl).pathname.slice(1));
      const apiCpu = countProcessCpu(child.pid);
      const rigCpu = process.cpuUsage();
      const load = await postLoad(origin, '/api/v1/events', headers, body, CONNECTIONS, seconds);
      const rig = usageMs(process.cpuUsage(rigCpu));
      const { cpu } = apiCpu.stop();
      const { postgres, redis } = await services.stop();
      api[name] = load;
      log(
        `  POST /events, ${matchingSurveys(surveys)}: ${load.perSecond.toFixed(0)} events/s (${load.failed} failed), p50 ${load.p50.toFixed(1)} ms, p99 ${load.p99.toFixed(1)} ms`,
      );
      // Steadier than events/s on a shared machine: what one event cost each process.
      const per = (ms: number | null) => perRequest(ms, load.ok);
      log(`    CPU per event: API ${per(cpu)} ms, Postgres ${per(postgres)} ms, Redis ${per(redis)} ms, load generator ${per(rig)} ms`);
      // What the cores did and could do: the phase's share of them busy, and the rate at which they all would be.
      const total = cpu === null ? null : cpu + postgres + redis + rig;
      if (total !== null && load.ok) {
        const cores = availableParallelism();
        ceiling[name] = (load.ok * cores * 1000) / total;
        log(
          `    cores busy ${((total / ((load.ok / load.perSecond) * 1000 * cores)) * 100).toFixed(0)} % of ${cores}; at this CPU per event they carry at most ${ceiling[name]!.toFixed(0)} events/s`,
        );
      }
      // Nothing lost: every 2xx is an event in Postgres with one invitation per matching survey.
      const accepted = warm.ok + load.ok;
      const db = await stored(pool, type);
      const lost = db.events !== accepted || db.invitations !== accepted * surveys || db.scheduled !== accepted;
      log(
        `    nothing lost: ${accepted} accepted, ${db.events} events and ${db.invitations} invitations stored (${db.scheduled} scheduled)${lost ? '  <-- MISMATCH' : ''}`,
      );
    }
    log(`  ${rssLine(`after ${2 * (seconds + 2)} s of events`, { api: child.pid })}`);
  } finally {
    await costs.end();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }

  // The API's bootstrap made the default workspace; both runs without the API write into it.
  const { rows } = await pool.query<{ id: string }>("SELECT id FROM workspaces WHERE slug = 'default'");
  const workspaceId = rows[0].id;
  const statements = await statementsOnly(databaseUrl, pool, workspaceId, seconds);
  log(
    `  the same events' SQL without the API (1 matching survey, 50 loops, pg pool ${PG_POOL_SIZE}): ${statements.perSecond.toFixed(0)} events/s, p50 ${statements.p50.toFixed(1)} ms, p99 ${statements.p99.toFixed(1)} ms`,
  );
  // Five: one invitation scheduled, four throttled (a new person each, one survey per 30 days), as in the load above.
  const serial = {
    one: await serialCost(databaseUrl, workspaceId, ONE_SURVEY_EVENT),
    five: await serialCost(databaseUrl, workspaceId, FIVE_SURVEYS_EVENT),
  };
  const ms = (figures: number[]) => figures.map((figure) => figure.toFixed(3)).join(' / ');
  for (const [n, cost] of [
    [1, serial.one],
    [5, serial.five],
  ] as const) {
    log(
      `  Postgres CPU on one connection, messages of 16: ${ms(cost.event)} ms an event (${matchingSurveys(n)}), ${ms(cost.insert)} ms a bare INSERT`,
    );
  }
  const after = await bareInserts(pool, seconds);
  await pool.end();
  bare(after, 'after');
  const ok = before.ok + after.ok;
  const raw: Load = { ...after, ok, perSecond: (before.perSecond + after.perSecond) / 2 };
  return { api: api as EventsFigures['api'], ceiling, statements, serial, raw };
}
