import { Client, Pool } from 'pg';
import { Clock } from '@cairn/common';
import type { AppConfig } from '@cairn/config';
import { HistoryLayout, PrismaService, runMigrations } from '@cairn/database';
import { JobName, ON_JOB, SCHEDULED_JOBS } from '@cairn/jobs';
import { HistoryPartitionsRepository, HistoryPartitionsService } from '@cairn/privacy';
import { adminQuery, databaseUrl } from './utils/test-database';

const TABLES = ['events', 'invitations', 'responses', 'outbox_events', 'webhook_deliveries', 'webhook_attempts'];
const MONTHS = 6;
const PER_MONTH = 2_000;

/** A uuidv7 made at `ts` (SQL), as the product's own uuid7() makes them. */
const uuid7At = (ts: string) =>
  `encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING
    substring(int8send((extract(epoch FROM ${ts}) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid::text`;

/** The name of a table's partition for the month of `d`, as cairn_history.partition_name makes it: events_p2026_12. */
const partitionOf = (table: string, d: Date) => `${table}_p${d.getUTCFullYear()}_${String(d.getUTCMonth() + 1).padStart(2, '0')}`;

/** The start of the month `back` months before now's (UTC). */
function monthStart(back: number, now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
}

/**
 * The conversion of a database made before partitioning: it holds months of history in plain tables; the migrator
 * of this version converts it. Nothing may be lost or changed, every unique guarantee must still hold (across
 * months too), and retention must then drop a month as a whole partition.
 */
/** Runs `work` with these environment variables set, as a process started with them would see them. */
async function withEnv<T>(vars: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((key) => [key, process.env[key]]));
  Object.assign(process.env, vars);
  try {
    return await work();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

describe('partitioning an existing database', () => {
  const name = `cairn_conv_${process.pid}_${Date.now().toString(36)}`;
  const url = databaseUrl(name);
  let db: Client;
  const before = new Map<string, { count: string; sum: string }>();

  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE "${name}"`);
    // The state before partitioning: the logical schema only, as the previous release left it.
    const logical = await runMigrations(url, undefined, { layoutDir: null });
    expect(logical.layout).toEqual([]);
    db = new Client({ connectionString: url });
    await db.connect();
    await seedHistory(db);
    for (const table of TABLES) before.set(table, await checksum(db, table));
  });
  afterAll(async () => {
    await db?.end();
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  it('keeps every row of every table, byte for byte, each month in its own partition', async () => {
    expect(await db.query("SELECT to_regclass('cairn_history.unique_keys') AS t")).toMatchObject({ rows: [{ t: null }] });
    // Off by default: a release without HISTORY_PARTITIONED leaves the tables plain.
    expect(await withEnv({ HISTORY_PARTITIONED: 'false' }, () => runMigrations(url))).toMatchObject({ applied: [], layout: [] });
    const converted = await withEnv({ HISTORY_PARTITIONED: 'true' }, () => runMigrations(url));
    expect(converted).toMatchObject({
      applied: [],
      layout: [
        '001_monthly_history.sql',
        '002_specialised_key_claims.sql',
        '003_invitation_event_link.sql',
        '004_dated_answer_months.sql',
        '005_drop_month_locks_last.sql',
        '006_answer_invitation_link.sql',
      ],
    });
    for (const table of TABLES) expect({ table, ...(await checksum(db, table)) }).toEqual({ table, ...before.get(table) });
    for (const table of TABLES) {
      const { rows } = await db.query<{ part: string; n: number }>(
        `SELECT tableoid::regclass::text AS part, count(*)::int AS n FROM public.${table} GROUP BY 1 ORDER BY 1`,
      );
      const perMonth = Object.fromEntries(rows.map((r) => [r.part, r.n]));
      for (let back = 0; back < MONTHS; back++) {
        const part = `cairn_history.${partitionOf(table, monthStart(back))}`;
        expect({ part, n: perMonth[part] }).toEqual({ part, n: expect.any(Number) });
      }
      // Ids that are no uuidv7 (made by hand before) are kept in the default partition.
      if (table === 'events') expect(perMonth['cairn_history.events_default']).toBe(3);
    }
    // Each month's partition of responses is held to answers dated in it, except the one holding an answer dated
    // months away from its id (written before every writer made ids at the answer's date): its CHECK stays unvalidated,
    // new rows are held to it, and reads by date read every month, as before.
    const dated = await db.query<{ part: string; valid: boolean }>(
      `SELECT conrelid::regclass::text AS part, convalidated AS valid FROM pg_constraint WHERE conname LIKE 'responses\\_p%\\_dated' ORDER BY 1`,
    );
    expect(dated.rows).toHaveLength(MONTHS + 3);
    expect(dated.rows.filter((r) => !r.valid).map((r) => r.part)).toEqual([`cairn_history.${partitionOf('responses', monthStart(2))}`]);
    expect(await new HistoryLayout(db as unknown as Pool).datedAnswerMonths()).toBe(false);
    // And ahead: three months after this one exist before anything is written there.
    const last = partitionOf('events', monthStart(-3));
    expect((await db.query('SELECT to_regclass($1) AS t', [`cairn_history.${last}`])).rows[0].t).not.toBeNull();
  });

  it('still refuses every duplicate the unique indexes refused, across months too', async () => {
    const old = (await db.query<Record<string, string>>(oldestRowsSql())).rows[0];
    const cases: Array<[string, string]> = [
      // An idempotency key first used five months ago, used again now.
      [
        'events_workspace_id_idempotency_key_key',
        `INSERT INTO events (id, workspace_id, type, occurred_at, idempotency_key) VALUES (${uuid7At('now()')}, '${old.workspace_id}', 'x', now(), '${old.idempotency_key}')`,
      ],
      [
        'invitations_survey_id_event_id_key',
        `INSERT INTO invitations (id, workspace_id, survey_id, person_id, event_id, status, scheduled_for, expires_at)
         VALUES (${uuid7At('now()')}, '${old.workspace_id}', '${old.survey_id}', '${old.person_id}', '${old.event_id}', 'scheduled', now(), now())`,
      ],
      [
        'responses_invitation_id_key',
        `INSERT INTO responses (id, workspace_id, invitation_id, journey_id, metric, scale_min, scale_max, score, source)
         VALUES (${uuid7At('now()')}, '${old.workspace_id}', '${old.invitation_id}', '${old.journey_id}', 'nps', 0, 10, 9, 'email')`,
      ],
      [
        'webhook_deliveries_endpoint_id_outbox_event_id_key',
        `INSERT INTO webhook_deliveries (id, endpoint_id, outbox_event_id, event_type, payload)
         VALUES (${uuid7At('now()')}, '${old.endpoint_id}', '${old.outbox_event_id}', 'response.created', '{}')`,
      ],
      [
        'webhook_attempts_delivery_id_number_key',
        `INSERT INTO webhook_attempts (id, delivery_id, number, latency_ms) VALUES (${uuid7At('now()')}, '${old.delivery_id}', 1, 5)`,
      ],
    ];
    for (const [constraint, sql] of cases) {
      const error = await db.query(sql).then(
        () => null,
        (e: { code?: string; constraint?: string }) => e,
      );
      expect({ constraint: error?.constraint, code: error?.code }).toEqual({ constraint, code: '23505' });
    }
    // outbox_events' seq comes from its sequence whatever an INSERT says: unique without an index.
    const { rows } = await db.query<{ seq: string }>(
      `INSERT INTO outbox_events (seq, id, topic, payload) VALUES (${old.seq}, ${uuid7At('now()')}, 'job', '{}') RETURNING seq`,
    );
    expect(BigInt(rows[0].seq)).toBeGreaterThan(BigInt(old.seq));
  });

  it('answers a duplicate written through Prisma with P2002 naming the key, as the unique index did', async () => {
    const pool = new Pool({ connectionString: url, max: 1 });
    const prisma = new PrismaService(pool);
    try {
      const old = (await db.query<Record<string, string>>(oldestRowsSql())).rows[0];
      const error = await prisma.event
        .create({ data: { workspaceId: old.workspace_id, type: 'x', occurredAt: new Date(), idempotencyKey: old.idempotency_key } })
        .then(
          () => null,
          (e: { code?: string; meta?: unknown }) => e,
        );
      expect(error?.code).toBe('P2002');
      expect(JSON.stringify(error?.meta)).toContain('idempotency_key');
    } finally {
      await prisma.onModuleDestroy();
    }
  });

  it('makes a concurrent insert of the same key wait for the first and then fail, as a unique index does', async () => {
    const { workspace_id } = (await db.query<{ workspace_id: string }>('SELECT workspace_id FROM events LIMIT 1')).rows[0];
    const insert = `INSERT INTO events (id, workspace_id, type, occurred_at, idempotency_key) VALUES (${uuid7At('now()')}, '${workspace_id}', 'x', now(), 'race-1')`;
    const [a, b] = [new Client({ connectionString: url }), new Client({ connectionString: url })];
    await Promise.all([a.connect(), b.connect()]);
    try {
      await a.query('BEGIN');
      await a.query(insert);
      const pidB = (await b.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      const second = b.query(insert).then(
        () => null,
        (e: { code?: string; constraint?: string }) => e,
      );
      await waitUntil(
        async () => (await db.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'", [pidB])).rowCount === 1,
      );
      await a.query('COMMIT');
      expect(await second).toMatchObject({ code: '23505', constraint: 'events_workspace_id_idempotency_key_key' });
      // A key freed by its row's deletion can be used again.
      await db.query("DELETE FROM events WHERE idempotency_key = 'race-1'");
      await db.query(insert);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it('claims a key only when it is whole, moves it with an update and frees it with a delete', async () => {
    const { workspace_id } = (await db.query<{ workspace_id: string }>('SELECT workspace_id FROM events LIMIT 1')).rows[0];
    const keysOf = async (id: string) =>
      (
        await db.query<{ key: string }>(
          `SELECT key FROM cairn_history.unique_keys WHERE constraint_name = 'events_workspace_id_idempotency_key_key' AND row_id = $1`,
          [id],
        )
      ).rows.map((r) => r.key);
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO events (id, workspace_id, type, occurred_at) VALUES (${uuid7At('now()')}, '${workspace_id}', 'x', now()) RETURNING id`,
    );
    const id = rows[0].id;
    expect(await keysOf(id)).toEqual([]); // no idempotency key: nothing to claim
    await db.query(`UPDATE events SET idempotency_key = 'life-1' WHERE id = $1`, [id]);
    expect(await keysOf(id)).toEqual([`{${workspace_id},life-1}`]);
    await db.query(`UPDATE events SET type = 'y' WHERE id = $1`, [id]); // the key untouched
    expect(await keysOf(id)).toEqual([`{${workspace_id},life-1}`]);
    await db.query(`UPDATE events SET idempotency_key = 'life-2' WHERE id = $1`, [id]);
    expect(await keysOf(id)).toEqual([`{${workspace_id},life-2}`]);
    // The old key is free again, the new one taken.
    const other = `INSERT INTO events (id, workspace_id, type, occurred_at, idempotency_key) VALUES (${uuid7At('now()')}, '${workspace_id}', 'x', now(), $1)`;
    await db.query(other, ['life-1']);
    await expect(db.query(other, ['life-2'])).rejects.toMatchObject({
      code: '23505',
      constraint: 'events_workspace_id_idempotency_key_key',
    });
    await db.query(`DELETE FROM events WHERE id = $1`, [id]);
    expect(await keysOf(id)).toEqual([]);
    await db.query(other, ['life-2']);
  });

  it('is a scheduled job of the worker, hourly', () => {
    expect(Reflect.getMetadata(ON_JOB, HistoryPartitionsService.prototype.maintain)).toBe(JobName.MaintainPartitions);
    expect(SCHEDULED_JOBS[JobName.MaintainPartitions]).toBe(3_600_000);
  });

  it('makes months ahead as time goes on, and leaves a month alone whose rows already sit in the default partition', async () => {
    const pool = new Pool({ connectionString: url, max: 2 });
    try {
      const config = { history: { aheadMonths: 3, retentionMonths: 0 } } as AppConfig;
      // Seven months from now, a row already written (a clock set ahead): it went to events' default partition.
      const early = monthStart(-7);
      await db.query(
        `INSERT INTO events (id, workspace_id, type, occurred_at) VALUES (${uuid7At(`'${early.toISOString()}'::timestamptz`)}, 'w1', 'early', now())`,
      );
      const later = new (class extends Clock {
        override now(): Date {
          return new Date(monthStart(-5).getTime() + 86_400_000);
        }
      })();
      const result = await new HistoryPartitionsService(
        new HistoryPartitionsRepository(pool),
        new HistoryLayout(pool),
        later,
        config,
      ).maintain();
      expect(result).toEqual({ blocked: [partitionOf('events', early)], dropped: [] });
      for (const table of TABLES) {
        for (const back of [-5, -6, -8]) {
          expect(
            (await db.query('SELECT to_regclass($1) AS t', [`cairn_history.${partitionOf(table, monthStart(back))}`])).rows[0].t,
          ).not.toBeNull();
        }
      }
      // Every other table has that month; the early row is where it was.
      expect(
        (await db.query('SELECT to_regclass($1) AS t', [`cairn_history.${partitionOf('invitations', early)}`])).rows[0].t,
      ).not.toBeNull();
      const { rows } = await db.query<{ part: string }>("SELECT tableoid::regclass::text AS part FROM events WHERE type = 'early'");
      expect(rows).toEqual([{ part: 'cairn_history.events_default' }]);
      await db.query("DELETE FROM events WHERE type = 'early'");
    } finally {
      await pool.end();
    }
  });

  it('drops a month past HISTORY_RETENTION_MONTHS as whole partitions and keeps the responses', async () => {
    const pool = new Pool({ connectionString: url, max: 2 });
    try {
      // Keeps three whole months: the oldest two months of the six are past it.
      const config = { history: { aheadMonths: 3, retentionMonths: 3 } } as AppConfig;
      const service = new HistoryPartitionsService(new HistoryPartitionsRepository(pool), new HistoryLayout(pool), new Clock(), config);
      const oldest = monthStart(MONTHS - 1);
      const key = partitionOf('events', oldest);
      const oldestEvents = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cairn_history.${key}`)).rows[0].n;
      const eventsBefore = Number((await checksum(db, 'events')).count);
      const responsesBefore = await checksum(db, 'responses');
      // One unrelayed outbox row keeps the second-oldest month until it is relayed.
      const held = monthStart(MONTHS - 2);
      await db.query(
        `INSERT INTO outbox_events (id, topic, payload) VALUES (${uuid7At(`'${held.toISOString()}'::timestamptz + interval '1 day'`)}, 'job', '{}')`,
      );

      // An invitation of this month made by an event of the oldest: nothing in the database keeps its link right
      // (layout step 003 dropped that foreign key), so the drop must unlink it itself.
      const laterInvitation = (
        await db.query<{ id: string }>(
          `INSERT INTO invitations (id, workspace_id, survey_id, person_id, event_id, status, scheduled_for, expires_at)
           SELECT ${uuid7At('now()')}, 'w1', 'v2', 'p1', min(id), 'sent', now(), now() + interval '30 days' FROM cairn_history.${key}
           RETURNING id`,
        )
      ).rows[0].id;

      const result = await service.maintain();
      expect(result).toEqual({
        blocked: [],
        dropped: ['webhook_attempts', 'webhook_deliveries', 'invitations', 'events', 'outbox_events'].map((t) => partitionOf(t, oldest)),
      });
      expect((await db.query('SELECT to_regclass($1) AS t', [`cairn_history.${key}`])).rows[0].t).toBeNull();
      expect((await checksum(db, 'events')).count).toBe(String(eventsBefore - oldestEvents));
      // Answers are history: all still there, and none rewritten (layout step 006): those to the dropped month's
      // invitations keep its ids, which readers show as no invitation (answering-listing's test).
      expect(await checksum(db, 'responses')).toEqual(responsesBefore);
      const kept = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM responses r WHERE r.invitation_id >= cairn_history.month_id($1) AND r.invitation_id < cairn_history.month_id($2)`,
        [oldest, monthStart(MONTHS - 2)],
      );
      expect(kept.rows[0].n).toBeGreaterThan(0);
      const eventless = await db.query(
        `SELECT 1 FROM invitations i WHERE i.event_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = i.event_id)`,
      );
      expect(eventless.rowCount).toBe(0);
      expect((await db.query('SELECT event_id FROM invitations WHERE id = $1', [laterInvitation])).rows).toEqual([{ event_id: null }]);
      // The dropped month's keys went with it: its idempotency keys are free again, later months' are not.
      const keys = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM cairn_history.unique_keys WHERE row_id < cairn_history.month_id($1) AND constraint_name NOT LIKE 'responses%'`,
        [monthStart(MONTHS - 2)],
      );
      expect(keys.rows[0].n).toBe(0);

      // Relayed, the held month goes on the next run.
      await db.query('UPDATE outbox_events SET processed_at = now() WHERE processed_at IS NULL');
      const next = await service.maintain();
      expect(next.dropped).toContain(partitionOf('events', held));
    } finally {
      await pool.end();
    }
  });

  it("frees a month's keys before its first detach, so writers wait only for the detaches", async () => {
    const pool = new Pool({ connectionString: url, max: 2 });
    const holder = new Client({ connectionString: url });
    await holder.connect();
    try {
      // Keeps two whole months: the oldest left (three months back) is past it.
      const config = { history: { aheadMonths: 3, retentionMonths: 2 } } as AppConfig;
      const service = new HistoryPartitionsService(new HistoryPartitionsRepository(pool), new HistoryLayout(pool), new Clock(), config);
      const month = monthStart(3);
      // Another session holds one of the month's idempotency keys (a claim of the same key in flight): the drop waits
      // for it while freeing the events' keys, after those of the webhook tables and the invitations.
      await holder.query('BEGIN');
      const held = await holder.query(
        `SELECT k.key FROM cairn_history.unique_keys k JOIN cairn_history.${partitionOf('events', month)} e ON k.row_id = e.id
         WHERE k.constraint_name = 'events_workspace_id_idempotency_key_key' LIMIT 1 FOR UPDATE OF k`,
      );
      expect(held.rowCount).toBe(1);
      const dropping = service.maintain();
      const waiting = async () =>
        (
          await db.query<{ pid: number }>(
            `SELECT pid FROM pg_stat_activity WHERE query LIKE '%drop_month%' AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
          )
        ).rows[0]?.pid;
      let pid: number | undefined;
      await waitUntil(async () => (pid = await waiting()) !== undefined);
      // Nothing it holds meanwhile stops a writer of any history table: no ACCESS EXCLUSIVE lock on any of them yet,
      // while it holds the row locks of the keys it freed before (so the query reads the right backend).
      const locks = await db.query<{ mode: string; n: number }>(
        `SELECT mode, count(*)::int AS n FROM pg_locks WHERE pid = $1 AND granted AND locktype = 'relation'
           AND mode IN ('AccessExclusiveLock', 'RowExclusiveLock') GROUP BY mode`,
        [pid],
      );
      expect(locks.rows).toEqual([{ mode: 'RowExclusiveLock', n: expect.any(Number) }]);
      await holder.query('COMMIT');
      const result = await dropping;
      expect(result.dropped).toEqual(
        ['webhook_attempts', 'webhook_deliveries', 'invitations', 'events', 'outbox_events'].map((t) => partitionOf(t, month)),
      );
      const keys = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM cairn_history.unique_keys WHERE row_id < cairn_history.month_id($1) AND constraint_name NOT LIKE 'responses%'`,
        [monthStart(2)],
      );
      expect(keys.rows[0].n).toBe(0);
    } finally {
      await holder.end();
      await pool.end();
    }
  });
});

/** Months of history in the logical schema: each month's events, invitations (with tokens), answers, outbox rows, deliveries and attempts. */
async function seedHistory(db: Client): Promise<void> {
  await db.query(`
    INSERT INTO workspaces (id, slug, name, publishable_key) VALUES ('w1', 'conv', 'Conversion', 'pk_conv');
    INSERT INTO journeys (id, workspace_id, name) VALUES ('j1', 'w1', 'Journey');
    INSERT INTO stages (id, workspace_id, journey_id, name, position) VALUES ('s1', 'w1', 'j1', 'Stage', 0);
    INSERT INTO touchpoints (id, workspace_id, journey_id, stage_id, name, key, channel) VALUES ('t1', 'w1', 'j1', 's1', 'Touch', 'touch', 'email');
    INSERT INTO surveys (id, workspace_id, metric, touchpoint_id) VALUES ('v1', 'w1', 'nps', 't1'), ('v2', 'w1', 'nps', 't1');
    INSERT INTO people (id, workspace_id) VALUES ('p1', 'w1');
    INSERT INTO webhook_endpoints (id, workspace_id, url, secret) VALUES ('e1', 'w1', 'https://example.com/hook', 'whsec_x');`);
  for (let back = MONTHS - 1; back >= 0; back--) {
    // Spread over the month's first days (this month's too, which may have just begun).
    const at = `'${monthStart(back).toISOString()}'::timestamptz + (g * interval '1 minute')`;
    await db.query(`
      CREATE TEMP TABLE batch ON COMMIT DROP AS
        SELECT g, ${uuid7At(at)} AS event_id, ${uuid7At(at)} AS invitation_id, ${uuid7At(at)} AS response_id,
          ${uuid7At(at)} AS outbox_id, ${uuid7At(at)} AS delivery_id, ${at} AS at
        FROM generate_series(1, ${PER_MONTH}) g;
      INSERT INTO events (id, workspace_id, type, person_id, occurred_at, idempotency_key, created_at)
        SELECT event_id, 'w1', 'order.delivered', 'p1', at, CASE WHEN g % 2 = 0 THEN 'key-' || event_id END, at FROM batch;
      INSERT INTO invitations (id, workspace_id, survey_id, person_id, event_id, status, scheduled_for, expires_at, created_at)
        SELECT invitation_id, 'w1', 'v1', 'p1', event_id, 'sent', at, at + interval '30 days', at FROM batch;
      INSERT INTO invitation_tokens (id, invitation_id, kind, token_hash) SELECT invitation_id, invitation_id, 'response', md5(invitation_id) FROM batch;
      INSERT INTO responses (id, workspace_id, invitation_id, survey_id, person_id, touchpoint_id, stage_id, journey_id, metric,
          scale_min, scale_max, score, comment, source, created_at)
        SELECT response_id, 'w1', invitation_id, 'v1', 'p1', 't1', 's1', 'j1', 'nps', 0, 10, g % 11, 'comment ' || g, 'email', at
        FROM batch WHERE g % 3 = 0;
      INSERT INTO outbox_events (id, workspace_id, topic, payload, processed_at, created_at)
        SELECT outbox_id, 'w1', 'response.created', jsonb_build_object('n', g), at, at FROM batch;
      INSERT INTO webhook_deliveries (id, endpoint_id, outbox_event_id, event_type, payload, status, attempts, created_at)
        SELECT delivery_id, 'e1', outbox_id, 'response.created', '{}', 'succeeded', 2, at FROM batch WHERE g % 2 = 1;
      INSERT INTO webhook_attempts (id, delivery_id, number, latency_ms, created_at)
        SELECT ${uuid7At('at')}, delivery_id, n, 10 * n, at FROM batch, generate_series(1, 2) n WHERE g % 2 = 1;`);
  }
  // An answer dated two months before its id's month, as the demo seeder wrote them until 2026-12-03.
  await db.query(`INSERT INTO responses (id, workspace_id, touchpoint_id, stage_id, journey_id, metric, scale_min, scale_max, score, source, created_at)
    VALUES (${uuid7At(`'${monthStart(2).toISOString()}'::timestamptz + interval '3 days'`)}, 'w1', 't1', 's1', 'j1', 'nps', 0, 10, 7, 'email', '${monthStart(4).toISOString()}')`);
  // Rows whose ids are no uuidv7 (imported by hand, say): they must survive the conversion too.
  await db.query(
    // '00e-legacy' sorts before every uuidv7 of these months: it must not be taken for the oldest month's row.
    `INSERT INTO events (id, workspace_id, type, occurred_at) VALUES ('legacy-1', 'w1', 'old', now()), ('legacy-2', 'w1', 'old', now()),
      ('00e-legacy', 'w1', 'old', now())`,
  );
}

/** Rows of the oldest month, to collide with. */
function oldestRowsSql(): string {
  return `SELECT e.workspace_id, e.idempotency_key, e.id AS event_id, i.survey_id, i.person_id, i.id AS invitation_id,
      r.journey_id, d.endpoint_id, d.outbox_event_id, d.id AS delivery_id, o.seq
    FROM events e JOIN invitations i ON i.event_id = e.id JOIN responses r ON r.invitation_id = i.id
    JOIN webhook_deliveries d ON true JOIN outbox_events o ON o.id = d.outbox_event_id
    WHERE e.idempotency_key IS NOT NULL ORDER BY e.id, d.id LIMIT 1`;
}

async function checksum(db: Client, table: string): Promise<{ count: string; sum: string }> {
  const { rows } = await db.query<{ count: string; sum: string }>(
    `SELECT count(*)::text AS count, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t.id), '')) AS sum FROM public.${table} t`,
  );
  return rows[0];
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
