import { Inject, Injectable } from '@nestjs/common';
import { DatabaseError, type Pool, type PoolClient, type QueryResult } from 'pg';
import { executeLiteral, PG_POOL, PrismaService, SqlValue } from '@cairn/database';
import {
  EventPersonInput,
  PHONE_LOCK_STATEMENT,
  personUpsertError,
  upsertPersonByPhoneStatement,
  upsertPersonStatement,
} from '@cairn/people';

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
  /**
   * The outbox payload of one invitation's send, as JSON text with two
   * placeholders the statement replaces per scheduled invitation: its id and
   * its runAt. So the payload's shape stays defined in one place (outboxRowValues).
   */
  sendTemplate: { payload: string; id: string; runAt: string };
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
/** Their parameters' types, in the order of upsertPersonStatement's values and of decideAndInsert's $1..$12. */
const UPSERT_TYPES = 'text, text, text, text, text, text, text, text, text';
const DECIDE_TYPES = 'text, text, text, text, timestamptz, timestamptz, text, jsonb, text, text, text, text';

/** A time-ordered id (RFC 9562 v7) made in SQL, like uuid7() of @cairn/common: 48 bits of ms, version 7, random rest. */
const UUID7 = `encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING
  substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid::text`;
/** A UTC timestamp as JavaScript's toISOString() writes it. */
const iso = (timestamp: string) => `to_char(${timestamp}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The person an event names, as the upsert left it: by address ($3), or by number ($3) as upsertPersonByPhoneStatement picks it. */
const PERSON_BY_EMAIL = `SELECT id, email, email_hash, phone_number, locale, unsubscribed_at, erased_at FROM people
  WHERE workspace_id = $1 AND email = $3`;
const PERSON_BY_PHONE = `SELECT id, email, email_hash, phone_number, locale, unsubscribed_at, erased_at FROM people
  WHERE workspace_id = $1 AND phone_number = $3 AND erased_at IS NULL ORDER BY (email IS NOT NULL), created_at, id LIMIT 1`;

// The statement after the upsert. It runs with a snapshot taken once the person's row lock is held, so it sees the
// invitations of every transaction that held the lock before (in ONE statement with the upsert it would not: a
// statement's snapshot is taken before it waits for the lock). It reads the context, decides each matching survey
// as decideInvitations() does (fatigue.policy.ts; a test holds the two equal), and writes the event, the
// invitations and the outbox rows of the scheduled ones, returning the 202 answer it stored with the event.
//   $1 workspace  $2 type  $3 normalised address (or E.164 number)  $4 the address's hash (or null)  $5 now  $6 occurredAt  $7 event id
//   $8 event properties  $9 idempotency key  $10 outbox payload template  $11 its id and $12 its runAt placeholders
const decideAndInsert = (person: string) => `
  WITH RECURSIVE
  p AS (${person}),
  s AS (
    SELECT row_number() OVER (ORDER BY created_at, id) AS k, id, channel::text AS channel, throttle_days,
      greatest($6::timestamptz AT TIME ZONE 'UTC' + make_interval(secs => delay_seconds), $5::timestamptz AT TIME ZONE 'UTC') AS scheduled_for,
      expires_after_seconds
    FROM surveys WHERE workspace_id = $1 AND trigger_event = $2 AND active),
  -- suppressionReason(): erased, no address, then the suppression list, then unsubscribed. SMS surveys (sms_reason,
  -- read only when one matches): erased, the SMS stop list (phoneHash() of the number), unsubscribed.
  sup AS (
    SELECT CASE WHEN p.erased_at IS NOT NULL THEN 'erased' WHEN p.email IS NULL THEN 'no_email'
      ELSE COALESCE((SELECT reason::text FROM suppressions WHERE workspace_id = $1 AND email_hash = COALESCE($4, p.email_hash)),
        CASE WHEN p.unsubscribed_at IS NOT NULL THEN 'unsubscribed' END) END AS reason,
      CASE WHEN NOT EXISTS (SELECT 1 FROM s WHERE s.channel = 'sms') THEN NULL
        WHEN p.erased_at IS NOT NULL THEN 'erased'
        WHEN EXISTS (SELECT 1 FROM sms_suppressions WHERE workspace_id = $1
          AND phone_hash = encode(sha256(convert_to('cairn-phone:' || p.phone_number, 'UTF8')), 'hex')) THEN 'sms_stopped'
        WHEN p.unsubscribed_at IS NOT NULL THEN 'unsubscribed' END AS sms_reason
    FROM p),
  -- Survey k in order: suppressed, or throttled by a time closer than its throttleDays, or scheduled (and then its
  -- time counts against the following ones). times starts with the person's planned and sent surveys.
  d(k, status, reason, times) AS (
    SELECT 0::bigint, NULL::text, NULL::text, ARRAY(
      SELECT COALESCE(sent_at, claimed_at, scheduled_for) FROM invitations
      WHERE person_id = (SELECT id FROM p) AND status IN ('scheduled', 'sending', 'sent', 'responded')
        AND COALESCE(sent_at, claimed_at, scheduled_for) > $5::timestamptz AT TIME ZONE 'UTC'
          - make_interval(days => (SELECT COALESCE(max(throttle_days), 0) FROM s)))::timestamp[]
    UNION ALL
    SELECT s.k, x.status, x.reason, CASE WHEN x.status = 'scheduled' THEN d.times || s.scheduled_for ELSE d.times END
    FROM d JOIN s ON s.k = d.k + 1
    CROSS JOIN LATERAL (
      SELECT CASE s.channel WHEN 'sms' THEN (SELECT sms_reason FROM sup) ELSE (SELECT reason FROM sup) END AS suppressed) AS z
    CROSS JOIN LATERAL (
      SELECT CASE
          WHEN z.suppressed IS NOT NULL THEN 'suppressed'
          WHEN s.throttle_days > 0 AND EXISTS (
            SELECT 1 FROM unnest(d.times) AS t(at) WHERE abs(extract(epoch FROM t.at - s.scheduled_for)) < s.throttle_days * 86400)
            THEN 'throttled'
          ELSE 'scheduled' END AS status) AS y
    CROSS JOIN LATERAL (
      SELECT y.status, CASE y.status WHEN 'suppressed' THEN z.suppressed WHEN 'throttled' THEN 'recently_surveyed' END AS reason) AS x),
  dec AS (
    SELECT d.k, ${UUID7} AS id, s.id AS survey_id, d.status, d.reason, s.scheduled_for,
      s.scheduled_for + make_interval(secs => s.expires_after_seconds) AS expires_at
    FROM d JOIN s ON s.k = d.k),
  ev AS (
    INSERT INTO events (id, workspace_id, type, person_id, properties, occurred_at, idempotency_key, result)
    SELECT $7, $1, $2, p.id, $8::jsonb, $6::timestamptz AT TIME ZONE 'UTC', $9, jsonb_build_object('eventId', $7, 'invitations',
      COALESCE((SELECT jsonb_agg(jsonb_build_object('id', id, 'surveyId', survey_id, 'status', status, 'scheduledFor', ${iso('scheduled_for')})
        || CASE WHEN reason IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('reason', reason) END ORDER BY k) FROM dec), '[]'::jsonb))
    FROM p
    RETURNING id, result),
  inv AS (
    INSERT INTO invitations (id, workspace_id, survey_id, person_id, event_id, status, reason, locale, scheduled_for, expires_at)
    SELECT dec.id, $1, dec.survey_id, p.id, ev.id, dec.status::"InvitationStatus", dec.reason, p.locale, dec.scheduled_for, dec.expires_at
    FROM dec, p, ev),
  out AS (
    INSERT INTO outbox_events (id, workspace_id, topic, payload)
    SELECT ${UUID7}, $1, 'job', replace(replace($10, $11, dec.id), $12, ${iso('dec.scheduled_for')})::jsonb
    FROM dec, ev WHERE dec.status = 'scheduled'
    RETURNING 1)
  SELECT (SELECT result FROM ev) AS result, (SELECT count(*) FROM out)::int AS queued`;

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
 * One simple-protocol message carries two EXECUTEs, which Postgres runs as
 * one transaction, each statement with its own snapshot:
 *   1. upsert the person (its row stays locked until the commit);
 *   2. read the context, decide, write the event, its invitations and the outbox rows (decideAndInsert);
 * an event naming a phone number only runs the number's lock before them and the by-number twins of both.
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
   * commit: each keeps its own two statements, so each is decided with its
   * person locked and sees the events before it. The people are locked in one
   * order (by address) whatever the order of the events, so two such batches
   * cannot deadlock. Any error (a repeated key) fails them all.
   */
  async recordMany(reqs: IntakeRequest[], retries = 0): Promise<IntakeRecorded[]> {
    const statements = reqs.map((req) => {
      const byPhone = !req.person.email;
      const upsert = byPhone
        ? upsertPersonByPhoneStatement(req.workspaceId, req.person, req.personId)
        : upsertPersonStatement(req.workspaceId, { ...req.person, email: req.person.email! }, req.personId);
      // The address (or number) locks the person; the address's hash, computed by the upsert, finds its suppression.
      const [key, hash] = byPhone ? [upsert.values[8], null] : [upsert.values[2], upsert.values[3]];
      return { req, byPhone, upsert, key: key as string, hash: hash as string | null };
    });
    const inLockOrder = [...statements].sort((a, b) => lockKey(a).localeCompare(lockKey(b)));
    // An event naming a number only first takes the number's lock (its own statement, so the upsert's snapshot sees
    // a person another transaction created under it), then runs the by-number pair of statements.
    const query = inLockOrder.flatMap(({ req, byPhone, upsert, key, hash }) => [
      ...(byPhone ? [executeLiteral(LOCK_PHONE, [req.workspaceId, key])] : []),
      executeLiteral(byPhone ? UPSERT_BY_PHONE : UPSERT, upsert.values as SqlValue[]),
      executeLiteral(byPhone ? DECIDE_BY_PHONE : DECIDE, [
        req.workspaceId,
        req.type,
        key,
        hash,
        req.now,
        req.occurredAt,
        req.eventId,
        req.properties,
        req.idempotencyKey,
        req.sendTemplate.payload,
        req.sendTemplate.id,
        req.sendTemplate.runAt,
      ]),
    ]);
    const client = await this.pool.connect();
    let broken: Error | undefined;
    let again = false;
    try {
      if (!this.prepared.has(client)) {
        // Once per connection: later events skip parsing and planning (about half of Postgres's time on them).
        await client.query(PREPARE_ALL);
        this.prepared.add(client);
      }
      const results = (await client.query(query.join(';\n'))) as unknown as QueryResult[];
      // Each event's last statement (DECIDE) answers it.
      let last = -1;
      const recorded = new Map(
        inLockOrder.map(({ req, byPhone }) => {
          last += byPhone ? 3 : 2;
          return [req, results[last].rows[0] as IntakeRecorded];
        }),
      );
      return reqs.map((req) => {
        const { result, queued } = recorded.get(req)!;
        return { result, queued };
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

/** The person row (or number) an event's upsert locks: its workspace and normalised address or number. */
function lockKey({ req, key }: { req: IntakeRequest; key: string }): string {
  return `${req.workspaceId}\u0000${key}`;
}
