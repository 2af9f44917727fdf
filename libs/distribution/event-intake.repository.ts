import { Inject, Injectable } from '@nestjs/common';
import { DatabaseError, type Pool, type PoolClient, type QueryResult } from 'pg';
import { executeLiteral, PG_POOL, PrismaService, SqlValue, utcIsoSql, UUID7_SQL } from '@cairn/database';
import {
  EventPersonInput,
  PHONE_LOCK_STATEMENT,
  personUpsertError,
  upsertPersonByPhoneStatement,
  upsertPersonStatement,
} from '@cairn/people';
import { sendJobPayloadSql } from './send-job.template';

/** The stored event of an idempotency key, with what a replay compares (type, person's address) and answers. */
export interface StoredEvent {
  type: string;
  result: unknown;
  person: { email: string | null; phoneNumber: string | null } | null;
}

/** What an event's statements answer: the stored 202 body and how many sends they queued. */
export interface IntakeRecorded {
  result: unknown;
  queued: number;
}

export interface IntakeRequest {
  workspaceId: string;
  type: string;
  person: EventPersonInput;
  /** The id a new person gets. */
  personId: string;
  now: Date;
  occurredAt: Date;
  eventId: string;
  properties: object;
  idempotencyKey: string | null;
}

/** Names of the statements, prepared on each pool connection at its first event: by address, and by number only. */
const UPSERT = 'cairn_intake_upsert_person';
const DECIDE = 'cairn_intake_decide';
const UPSERT_BY_PHONE = 'cairn_intake_upsert_person_by_phone';
const DECIDE_BY_PHONE = 'cairn_intake_decide_by_phone';
const LOCK_PHONE = 'cairn_intake_lock_phone';
/** SQLSTATE of EXECUTE naming a statement the connection does not have. */
const INVALID_STATEMENT_NAME = '26000';
const MAX_RETRIES = 3;
/** Their parameters' types, in the order of upsertPersonStatement's values and of decideAndInsert's $1. */
const UPSERT_TYPES = 'text, text, text, text, text, text, text, text, text';
const DECIDE_TYPES = 'jsonb';

/**
 * The person each event names, as its upsert left it (x is the event): by address, or by number as
 * upsertPersonByPhoneStatement picks it. A LATERAL subquery per event, its LIMIT keeping it one (a look-up by index
 * per event): joined to all the events at once, a plan made while the table was small hashed all of people for
 * every statement once it had grown (perf, 2026-12-07: most of Postgres's time). Its columns sit beside the event's
 * in the statement's p, so none may be named as one of EVENT_RECORD's.
 */
const PERSON_BY_EMAIL = `SELECT id, email, email_hash, phone_number, locale, unsubscribed_at, erased_at FROM people
  WHERE workspace_id = x.ws AND email = x.key LIMIT 1`;
const PERSON_BY_PHONE = `SELECT id, email, email_hash, phone_number, locale, unsubscribed_at, erased_at FROM people
  WHERE workspace_id = x.ws AND phone_number = x.key AND erased_at IS NULL ORDER BY (email IS NOT NULL), created_at, id LIMIT 1`;

/** The fields of each event in the decision's $1 (a JSON array), in the order of its record type. */
interface DecisionEvent {
  /** Its place in the statement's answer. */
  i: number;
  ws: string;
  type: string;
  /** The normalised address, or the E.164 number of an event naming a number only. */
  key: string;
  /** The address's hash (null for a number). */
  hash: string | null;
  now: Date;
  at: Date;
  eid: string;
  props: object;
  ikey: string | null;
}
const EVENT_RECORD = `i int, ws text, type text, key text, hash text, now timestamptz, at timestamptz, eid text, props jsonb, ikey text`;

// The statement after the upserts. It runs with a snapshot taken once the people's row locks are held, so it sees
// the invitations of every transaction that held one of them before (in ONE statement with the upserts it would
// not: a statement's snapshot is taken before it waits for a lock). For each of its events, whose people are all
// different, it reads the context, decides each matching survey as decideInvitations() does (fatigue.policy.ts; a
// test holds the two equal), and writes the event, the invitations and the outbox rows of the scheduled ones,
// answering per event (in the order of i) the 202 answer it stored with the event and how many sends it queued.
// One statement for all the events of a message, not one each: its executor start (every plan node and expression
// set up again) costs as much for sixteen events as for one, and with a statement per event it was a fifth of
// Postgres's CPU under the events load (perf, 2026-12-07).
//   $1 the events (DecisionEvent[] as JSON)
const decideAndInsert = (person: string) => `
  WITH RECURSIVE
  x AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(${EVENT_RECORD})),
  -- Each event with its person (the fields of both), what the rest of the statement reads.
  p AS (SELECT x.*, q.* FROM x CROSS JOIN LATERAL (${person}) q),
  s AS (
    SELECT x.i, row_number() OVER (PARTITION BY x.i ORDER BY v.created_at, v.id) AS k, v.id, v.channel::text AS channel,
      v.throttle_days, v.expires_after_seconds,
      greatest(x.at AT TIME ZONE 'UTC' + make_interval(secs => v.delay_seconds), x.now AT TIME ZONE 'UTC') AS scheduled_for
    -- Per event too (OFFSET 0 keeps the subquery apart), so no plan reads every workspace's surveys.
    FROM x CROSS JOIN LATERAL (SELECT * FROM surveys WHERE workspace_id = x.ws AND trigger_event = x.type AND active OFFSET 0) v),
  -- suppressionReason(): erased, no address, then the suppression list, then unsubscribed. SMS surveys (sms_reason,
  -- read only when one matches): erased, the SMS stop list (phoneHash() of the number), unsubscribed. Once per event:
  -- read only from d's recursive step, sup would otherwise be inlined there and looked up again for every survey.
  sup AS MATERIALIZED (
    SELECT p.i, CASE WHEN p.erased_at IS NOT NULL THEN 'erased' WHEN p.email IS NULL THEN 'no_email'
      ELSE COALESCE((SELECT reason::text FROM suppressions WHERE workspace_id = p.ws AND email_hash = COALESCE(p.hash, p.email_hash)),
        CASE WHEN p.unsubscribed_at IS NOT NULL THEN 'unsubscribed' END) END AS reason,
      CASE WHEN NOT EXISTS (SELECT 1 FROM s WHERE s.i = p.i AND s.channel = 'sms') THEN NULL
        WHEN p.erased_at IS NOT NULL THEN 'erased'
        WHEN EXISTS (SELECT 1 FROM sms_suppressions WHERE workspace_id = p.ws
          AND phone_hash = encode(sha256(convert_to('cairn-phone:' || p.phone_number, 'UTF8')), 'hex')) THEN 'sms_stopped'
        WHEN p.unsubscribed_at IS NOT NULL THEN 'unsubscribed' END AS sms_reason
    FROM p),
  -- Each event's survey k in order: suppressed, or throttled by a time closer than its throttleDays, or scheduled (and
  -- then its time counts against the following ones). times starts with the person's planned and sent surveys.
  d(i, k, status, reason, times) AS (
    SELECT p.i, 0::bigint, NULL::text, NULL::text, ARRAY(
      SELECT COALESCE(sent_at, claimed_at, scheduled_for) FROM invitations
      WHERE person_id = p.id AND status IN ('scheduled', 'sending', 'sent', 'responded')
        AND COALESCE(sent_at, claimed_at, scheduled_for) > p.now AT TIME ZONE 'UTC'
          - make_interval(days => (SELECT COALESCE(max(throttle_days), 0) FROM s WHERE s.i = p.i)))::timestamp[]
    FROM p
    UNION ALL
    SELECT d.i, s.k, y.status, CASE y.status WHEN 'suppressed' THEN z.suppressed WHEN 'throttled' THEN 'recently_surveyed' END,
      CASE WHEN y.status = 'scheduled' THEN d.times || s.scheduled_for ELSE d.times END
    FROM d JOIN s ON s.i = d.i AND s.k = d.k + 1
    CROSS JOIN LATERAL (
      SELECT CASE s.channel WHEN 'sms' THEN sup.sms_reason ELSE sup.reason END AS suppressed FROM sup WHERE sup.i = d.i) AS z
    CROSS JOIN LATERAL (
      SELECT CASE
          WHEN z.suppressed IS NOT NULL THEN 'suppressed'
          WHEN s.throttle_days > 0 AND EXISTS (
            SELECT 1 FROM unnest(d.times) AS t(at) WHERE abs(extract(epoch FROM t.at - s.scheduled_for)) < s.throttle_days * 86400)
            THEN 'throttled'
          ELSE 'scheduled' END AS status) AS y),
  dec AS (
    SELECT d.i, d.k, ${UUID7_SQL} AS id, s.id AS survey_id, d.status, d.reason, s.scheduled_for,
      s.scheduled_for + make_interval(secs => s.expires_after_seconds) AS expires_at
    FROM d JOIN s ON s.i = d.i AND s.k = d.k),
  ev AS (
    INSERT INTO events (id, workspace_id, type, person_id, properties, occurred_at, idempotency_key, result)
    SELECT p.eid, p.ws, p.type, p.id, p.props, p.at AT TIME ZONE 'UTC', p.ikey, jsonb_build_object('eventId', p.eid, 'invitations',
      COALESCE((SELECT jsonb_agg(jsonb_build_object('id', id, 'surveyId', survey_id, 'status', status, 'scheduledFor', ${utcIsoSql('scheduled_for')})
        || CASE WHEN reason IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('reason', reason) END ORDER BY k) FROM dec WHERE dec.i = p.i), '[]'::jsonb))
    FROM p
    RETURNING id, result),
  inv AS (
    INSERT INTO invitations (id, workspace_id, survey_id, person_id, event_id, status, reason, locale, scheduled_for, expires_at)
    SELECT dec.id, p.ws, dec.survey_id, p.id, ev.id, dec.status::"InvitationStatus", dec.reason, p.locale, dec.scheduled_for, dec.expires_at
    FROM dec JOIN p ON p.i = dec.i JOIN ev ON ev.id = p.eid),
  out AS (
    INSERT INTO outbox_events (id, workspace_id, topic, payload)
    SELECT ${UUID7_SQL}, p.ws, 'job', ${sendJobPayloadSql('dec.id', 'dec.scheduled_for')}
    FROM dec JOIN p ON p.i = dec.i JOIN ev ON ev.id = p.eid WHERE dec.status = 'scheduled')
  -- out runs to completion whether read or not (as every data-modifying WITH does): an event queued its scheduled ones.
  SELECT p.i, ev.result, (SELECT count(*) FROM dec WHERE dec.i = p.i AND dec.status = 'scheduled')::int AS queued
  FROM p JOIN ev ON ev.id = p.eid ORDER BY p.i`;

/** The statements of both kinds of event, prepared together (the upserts' texts do not depend on their values). */
const PREPARE_ALL = [
  `PREPARE ${UPSERT}(${UPSERT_TYPES}) AS ${upsertPersonStatement('', { email: 'a@b' }, '', 'nothing').text}`,
  `PREPARE ${DECIDE}(${DECIDE_TYPES}) AS ${decideAndInsert(PERSON_BY_EMAIL)}`,
  `PREPARE ${LOCK_PHONE}(text, text) AS ${PHONE_LOCK_STATEMENT}`,
  `PREPARE ${UPSERT_BY_PHONE}(${UPSERT_TYPES}) AS ${upsertPersonByPhoneStatement('', { phone: '+1' }, '').text}`,
  `PREPARE ${DECIDE_BY_PHONE}(${DECIDE_TYPES}) AS ${decideAndInsert(PERSON_BY_PHONE)}`,
].join(';\n');

/**
 * The SQL of POST /events in ONE round trip on a raw pool connection. Measured
 * (bench:distribution, pgbench): an ORM transaction of seven round trips ran
 * ~0.03x a bare INSERT; the same statements on raw pg ~0.06x; one message
 * with freshly planned statements was no faster, as planning this statement
 * took about as long as running it; prepared once per connection it doubled.
 * One simple-protocol message carries the EXECUTEs of a batch of events,
 * which Postgres runs as one transaction, each statement with its own snapshot:
 *   1. upsert each person, in lock order (their rows stay locked until the commit);
 *   2. read the context, decide, write the events, their invitations and the outbox rows (decideAndInsert),
 *      one statement for all of them;
 * an event whose person is already in the batch goes to a second round of both (it must see the first's
 * invitations); an event naming a phone number only runs the number's lock, then the by-number twins of
 * both, on its own.
 * The simple protocol takes no bound parameters, so values are written in as
 * escaped literals (sqlLiteral). A failed statement rolls the whole message back.
 */
@Injectable()
export class EventIntakeRepository {
  /** Connections of the pool on which this repository's statements are prepared. */
  private readonly prepared = new WeakSet<PoolClient>();

  constructor(
    private readonly prisma: PrismaService,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  findByIdempotencyKey(workspaceId: string, idempotencyKey: string): Promise<StoredEvent | null> {
    return this.prisma.event.findUnique({
      where: { workspaceId_idempotencyKey: { workspaceId, idempotencyKey } },
      select: { type: true, result: true, person: { select: { email: true, phoneNumber: true } } },
    });
  }

  /**
   * Upserts and locks the person, then decides and writes everything in the
   * same transaction. Returns the stored 202 answer and how many sends it
   * queued. A repeated idempotency key fails it as a unique violation.
   */
  async record(req: IntakeRequest): Promise<IntakeRecorded> {
    const [recorded] = await this.recordMany([req]);
    return recorded;
  }

  /**
   * `record` for several events in one message, hence one transaction and one
   * commit: each is decided with its person locked and sees the events before
   * it. The people are locked in one order (by address) whatever the order of
   * the events, so two such batches cannot deadlock. Any error (a repeated key)
   * fails them all.
   */
  async recordMany(reqs: IntakeRequest[], retries = 0): Promise<IntakeRecorded[]> {
    const statements = reqs.map((req): IntakeStatement => {
      const byPhone = !req.person.email;
      const upsert = byPhone
        ? upsertPersonByPhoneStatement(req.workspaceId, req.person, req.personId)
        : upsertPersonStatement(req.workspaceId, { ...req.person, email: req.person.email! }, req.personId);
      // The address (or number) locks the person; the address's hash, computed by the upsert, finds its suppression.
      const [key, hash] = byPhone ? [upsert.values[8], null] : [upsert.values[2], upsert.values[3]];
      return { req, byPhone, upsert, key: key as string, hash: hash as string | null };
    });
    const inLockOrder = [...statements].sort((a, b) => lockKey(a).localeCompare(lockKey(b)));
    const message = intakeMessage(inLockOrder);
    const client = await this.pool.connect();
    let broken: Error | undefined;
    let again = false;
    try {
      if (!this.prepared.has(client)) {
        // Once per connection: later events skip parsing and planning (about half of Postgres's time on them).
        await client.query(PREPARE_ALL);
        this.prepared.add(client);
      }
      const results = (await client.query(message.query)) as unknown as QueryResult[];
      // Each DECIDE answers its events, a row each, i being the event's place in its list.
      const recorded = new Map<IntakeRequest, IntakeRecorded>();
      for (const { at, decided } of message.decisions) {
        for (const row of results[at].rows as Array<IntakeRecorded & { i: number }>) {
          recorded.set(decided[row.i], { result: row.result, queued: row.queued });
        }
      }
      return reqs.map((req) => {
        const answer = recorded.get(req);
        if (!answer) throw new Error('the intake statement did not answer for every event');
        return answer;
      });
    } catch (error) {
      // An error Postgres answered (a unique key) left the connection as it was; any other may have broken it.
      if (!(error instanceof DatabaseError) || !this.prepared.has(client)) broken = error as Error;
      // The statements are gone from the connection (DISCARD ALL by someone): nothing ran; again on a new connection.
      again = retries < MAX_RETRIES && error instanceof DatabaseError && error.code === INVALID_STATEMENT_NAME;
      if (again) broken = error as Error;
      else throw personUpsertError(error);
    } finally {
      client.release(broken);
    }
    return this.recordMany(reqs, retries + 1);
  }
}

interface IntakeStatement {
  req: IntakeRequest;
  byPhone: boolean;
  upsert: { values: unknown[] };
  key: string;
  hash: string | null;
}

/**
 * The message of a batch, from its events in lock order: runs of events by address become rounds (an upsert each,
 * then one DECIDE for the round), a person's second event going to the next round; an event by number alone takes
 * its own three statements where it falls in the order. `decisions` says which results answer which events.
 */
function intakeMessage(inLockOrder: IntakeStatement[]): { query: string; decisions: Array<{ at: number; decided: IntakeRequest[] }> } {
  const query: string[] = [];
  const decisions: Array<{ at: number; decided: IntakeRequest[] }> = [];
  const decide = (name: string, events: IntakeStatement[]) => {
    decisions.push({ at: query.length, decided: events.map(({ req }) => req) });
    query.push(executeLiteral(name, [events.map(decisionEvent)]));
  };
  let run: IntakeStatement[] = [];
  const endRun = () => {
    const rounds: IntakeStatement[][] = [];
    const seen = new Map<string, number>();
    for (const statement of run) {
      const person = lockKey(statement);
      const round = seen.get(person) ?? 0;
      seen.set(person, round + 1);
      (rounds[round] ??= []).push(statement);
    }
    for (const round of rounds) {
      for (const { upsert } of round) query.push(executeLiteral(UPSERT, upsert.values as SqlValue[]));
      decide(DECIDE, round);
    }
    run = [];
  };
  for (const statement of inLockOrder) {
    if (!statement.byPhone) {
      run.push(statement);
      continue;
    }
    // An event naming a number only first takes the number's lock (its own statement, so the upsert's snapshot sees
    // a person another transaction created under it), then runs the by-number pair of statements.
    endRun();
    query.push(executeLiteral(LOCK_PHONE, [statement.req.workspaceId, statement.key]));
    query.push(executeLiteral(UPSERT_BY_PHONE, statement.upsert.values as SqlValue[]));
    decide(DECIDE_BY_PHONE, [statement]);
  }
  endRun();
  return { query: query.join(';\n'), decisions };
}

/** An event as the decision reads it: its place among the statement's events, and its values. */
function decisionEvent({ req, key, hash }: IntakeStatement, i: number): DecisionEvent {
  const { workspaceId: ws, type, now, occurredAt: at, eventId: eid, properties: props, idempotencyKey: ikey } = req;
  return { i, ws, type, key, hash, now, at, eid, props, ikey };
}

/** The person row (or number) an event's upsert locks: its workspace and normalised address or number. */
function lockKey({ req, key }: { req: IntakeRequest; key: string }): string {
  return `${req.workspaceId}\u0000${key}`;
}
