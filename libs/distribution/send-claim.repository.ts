import { Inject, Injectable } from '@nestjs/common';
import type { Pool, PoolClient, QueryResult } from 'pg';
import { uuid7 } from '@cairn/common';
import { executeLiteral, inlineParams, PG_POOL } from '@cairn/database';
import type { InvitationStatus, Person, SuppressionReason } from '@cairn/database';
import type { EmailLinks } from '@cairn/invitations';
import { SETTLE_SQL, settleValues, type SendTarget, type SettleSeen } from './invitation-claim.repository';

// Columns are `timestamp` holding UTC; node-postgres would read them as local time, so they are turned into timestamptz here.
const utc = (column: string, as: string) => `(${column} AT TIME ZONE 'UTC') AS "${as}"`;
const PARAM_TS = (n: number) => `$${n}::timestamptz AT TIME ZONE 'UTC'`;
/** An invitation whose reminder may go at $2: sent, the reminder due and not yet handed over, the invitation unexpired. */
const REMINDER_DUE = `status = 'sent' AND reminder_sent_at IS NULL AND reminder_due_at <= ${PARAM_TS(2)} AND expires_at > ${PARAM_TS(2)}`;

/** A claim's two link tokens ($4-$7: the answer's id and hash, the unsubscribe's), for the row its `claimed` CTE returned. */
const INSERT_LINK_TOKENS = `
    INSERT INTO invitation_tokens (id, invitation_id, kind, token_hash)
    SELECT x.id, claimed.id, x.kind::"TokenKind", x.hash FROM claimed, (VALUES ($4, 'response', $5), ($6, 'unsubscribe', $7)) x(id, kind, hash)`;

/** The transaction-local setting through which CLAIM_IF_CLEAR learns whose row LOAD_AND_LOCK locked ('' for none). */
const LOCKED_PERSON = 'cairn.send_locked_person';

/** The invitation with all its email needs, and its person locked FOR UPDATE when `lockWhen` holds of the invitation. */
const loadAndLock = (lockWhen: string) => `
  SELECT i.id, i.workspace_id AS "workspaceId", i.person_id AS "personId", i.status::text AS status, i.locale,
    ${utc('i.claimed_at', 'claimedAt')}, ${utc('i.sent_at', 'sentAt')}, ${utc('i.handed_over_at', 'handedOverAt')}, ${utc('i.expires_at', 'expiresAt')}, i.attempts,
    ${utc('i.reminder_due_at', 'reminderDueAt')}, ${utc('i.reminder_sent_at', 'reminderSentAt')},
    s.metric::text AS metric, s.channel::text AS channel, s.question, s.subject, s.active, s.throttle_days AS "throttleDays",
    s.reminder_after_seconds AS "reminderAfterSeconds", s.expires_after_seconds AS "expiresAfterSeconds",
    COALESCE(t.name, w.name) AS "touchpointName", w.name AS "companyName", e.properties AS "eventProperties",
    w.sending_paused_at IS NOT NULL AS "sendingPaused", to_jsonb(p) AS person,
    set_config('${LOCKED_PERSON}', COALESCE(p.id, ''), true) AS "lockedPerson"
  FROM invitations i
    JOIN surveys s ON s.id = i.survey_id
    LEFT JOIN touchpoints t ON t.id = s.touchpoint_id
    JOIN workspaces w ON w.id = i.workspace_id
    LEFT JOIN events e ON e.id = i.event_id
    LEFT JOIN LATERAL (
      SELECT id, workspace_id AS "workspaceId", email, email_hash AS "emailHash", external_id AS "externalId",
        phone_number AS "phoneNumber", name, locale, properties, ${utc('unsubscribed_at', 'unsubscribedAt')},
        ${utc('last_surveyed_at', 'lastSurveyedAt')}, ${utc('erased_at', 'erasedAt')}, ${utc('created_at', 'createdAt')},
        ${utc('updated_at', 'updatedAt')}
      FROM people WHERE people.id = i.person_id AND ${lockWhen}
      FOR UPDATE) p ON true
  WHERE i.id = $1`;
const LOAD_AND_LOCK = loadAndLock(`i.status = 'scheduled'`);
/** A reminder's: the person is locked only while the invitation's reminder may still go. */
const LOAD_AND_LOCK_FOR_REMINDER = loadAndLock(`i.status = 'sent' AND i.reminder_sent_at IS NULL AND i.reminder_due_at IS NOT NULL`);

// The second statement of a claim, sent in the same message as LOAD_AND_LOCK, so a claim is one round trip. A
// statement sees what committed before it started, so it sees any claim of this person made while LOAD_AND_LOCK
// waited for the person's lock (LOAD_AND_LOCK itself could not). It claims (with both link tokens: no token without
// the claim) only the invitation whose person LOAD_AND_LOCK locked in this transaction (LOCKED_PERSON: a claim
// needs the person's lock, and without it this statement's reading of the person's other surveys could be stale),
// when every send-time rule lets it go: the invitation still scheduled, an email survey, active, not expired, its
// workspace not paused, the person neither erased nor unsubscribed, with an address (and its hash) not suppressed,
// and no other survey of the person within the survey's throttle window of $2. Whatever it did, it returns what it
// read of the suppression and the other surveys, for the caller to tell why nothing was claimed.
const CLAIM_IF_CLEAR = `
  WITH target AS (
    SELECT i.id, i.workspace_id, i.person_id, i.status, i.expires_at, s.channel, s.active, s.throttle_days,
      w.sending_paused_at, p.email, p.email_hash, p.unsubscribed_at, p.erased_at
    FROM invitations i
      JOIN surveys s ON s.id = i.survey_id
      JOIN workspaces w ON w.id = i.workspace_id
      JOIN people p ON p.id = i.person_id
    WHERE i.id = $1 AND i.person_id = current_setting('${LOCKED_PERSON}', true)),
  ctx AS (
    SELECT t.*, (SELECT reason::text FROM suppressions x WHERE x.workspace_id = t.workspace_id AND x.email_hash = t.email_hash) AS suppression,
      ARRAY(SELECT COALESCE(o.sent_at, o.claimed_at) AT TIME ZONE 'UTC' FROM invitations o
            WHERE o.person_id = t.person_id AND o.id <> t.id AND o.status IN ('sending', 'sent', 'responded') AND t.throttle_days > 0
              AND COALESCE(o.sent_at, o.claimed_at) > ${PARAM_TS(2)} - make_interval(days => t.throttle_days)
              AND COALESCE(o.sent_at, o.claimed_at) < ${PARAM_TS(2)} + make_interval(days => t.throttle_days)) AS others
    FROM target t),
  claimed AS (
    UPDATE invitations SET status = 'sending', claimed_at = ${PARAM_TS(2)}, attempts = attempts + 1, message_id = $3,
      sent_at = NULL, handed_over_at = NULL, updated_at = ${PARAM_TS(2)}
    WHERE id = $1 AND status = 'scheduled'
      AND (SELECT c.status = 'scheduled' AND c.channel = 'email' AND c.active AND c.expires_at > ${PARAM_TS(2)}
             AND c.sending_paused_at IS NULL AND c.erased_at IS NULL AND c.unsubscribed_at IS NULL
             AND c.email IS NOT NULL AND c.email_hash IS NOT NULL AND c.suppression IS NULL AND cardinality(c.others) = 0
           FROM ctx c)
    RETURNING id),
  tokens AS (${INSERT_LINK_TOKENS})
  SELECT (SELECT count(*) FROM claimed)::int AS n, (SELECT suppression FROM ctx) AS suppression, (SELECT others FROM ctx) AS others`;

// The reminder's second statement, after LOAD_AND_LOCK_FOR_REMINDER in the same message, on the same terms as
// CLAIM_IF_CLEAR. For a sent invitation whose reminder is due, unsent and unexpired, and whose person this transaction
// locked, it does one of three things. It drops the reminder (reminder_due_at NULL) when the person may no longer be
// surveyed: erased, without an address, suppressed or unsubscribed. It notes 'sending paused' and leaves the reminder
// due when the workspace's sending is paused. Otherwise it claims the reminder ($2, fenced like ReminderClaimRepository's
// claim: no claim of another run since the due time, or a stale one before $3) with both link tokens. The three
// conditions exclude each other, so no row is updated twice. Each UPDATE repeats the invitation's own conditions,
// which a concurrent change (an answer, another run's claim) is checked against once its row lock is free.
const CLAIM_REMINDER = `
  WITH target AS (
    SELECT w.sending_paused_at, p.email, p.email_hash, p.unsubscribed_at, p.erased_at,
      (SELECT reason FROM suppressions x WHERE x.workspace_id = i.workspace_id AND x.email_hash = p.email_hash) AS suppression
    FROM invitations i
      JOIN workspaces w ON w.id = i.workspace_id
      JOIN people p ON p.id = i.person_id
    WHERE i.id = $1 AND i.person_id = current_setting('${LOCKED_PERSON}', true)),
  verdict AS (
    SELECT t.erased_at IS NOT NULL OR t.email IS NULL OR t.suppression IS NOT NULL OR t.unsubscribed_at IS NOT NULL AS gone,
      t.sending_paused_at IS NOT NULL AS paused, t.email_hash IS NOT NULL AS hashed
    FROM target t),
  dropped AS (
    UPDATE invitations SET reminder_due_at = NULL, updated_at = ${PARAM_TS(2)}
    WHERE id = $1 AND ${REMINDER_DUE} AND (SELECT gone FROM verdict)
    RETURNING id),
  noted AS (
    UPDATE invitations SET last_error = 'sending paused', updated_at = ${PARAM_TS(2)}
    WHERE id = $1 AND ${REMINDER_DUE} AND (SELECT NOT gone AND paused FROM verdict)
    RETURNING id),
  claimed AS (
    UPDATE invitations SET claimed_at = ${PARAM_TS(2)}, updated_at = ${PARAM_TS(2)}
    WHERE id = $1 AND ${REMINDER_DUE} AND (claimed_at IS NULL OR claimed_at < reminder_due_at OR claimed_at < ${PARAM_TS(3)})
      AND (SELECT NOT gone AND NOT paused AND hashed FROM verdict)
    RETURNING id),
  tokens AS (${INSERT_LINK_TOKENS})
  SELECT (SELECT count(*) FROM claimed)::int AS claimed, (SELECT count(*) FROM dropped)::int AS dropped,
    (SELECT count(*) FROM noted)::int AS paused`;

const NOTE_PAUSED = `UPDATE invitations SET last_error = 'sending paused', updated_at = now() AT TIME ZONE 'UTC'
  WHERE id = $1 AND status = 'scheduled'`;

/**
 * The claims' statements are prepared on each pool connection at its first claim (in the same message): freshly
 * planned, planning the six-table read took 3-4x as long as running it (EXPLAIN ANALYZE, 0.7-1 ms vs 0.2 ms).
 */
const LOAD = 'cairn_send_load_and_lock';
const CLAIM = 'cairn_send_claim_if_clear';
const LOAD_FOR_REMINDER = 'cairn_reminder_load_and_lock';
const CLAIM_FOR_REMINDER = 'cairn_reminder_claim';
const PREPARE = `PREPARE ${LOAD}(text) AS ${LOAD_AND_LOCK};
  PREPARE ${CLAIM}(text, timestamptz, text, text, text, text, text) AS
  ${CLAIM_IF_CLEAR};
  PREPARE ${LOAD_FOR_REMINDER}(text) AS ${LOAD_AND_LOCK_FOR_REMINDER};
  PREPARE ${CLAIM_FOR_REMINDER}(text, timestamptz, timestamptz, text, text, text, text) AS
  ${CLAIM_REMINDER}`;
/** SQLSTATE of EXECUTE naming a statement the connection does not have (a DISCARD ALL by someone). */
export const INVALID_STATEMENT_NAME = '26000';

export interface LoadedForSend {
  /** With whether its workspace's sending is paused (the reputation guard), read in the same statement. */
  invitation: SendTarget & { sendingPaused: boolean };
  /** Locked for the claim's transaction; null when the invitation is not 'scheduled' (nothing was locked) or the person is gone. */
  person: Person | null;
}

/** What a reminder's claim did: claimed it, dropped it (the person may no longer be surveyed), noted the pause. */
export type ReminderOutcome = 'claimed' | 'dropped' | 'paused';

/** What the reminder claim's one message read and did; a null outcome means it changed nothing. */
export interface LoadedAndClaimedReminder {
  loaded: LoadedForSend | null;
  outcome: ReminderOutcome | null;
}

/** What the claim's one message read and did. */
export interface LoadedAndClaimed {
  /** Null when the invitation is gone (nothing was claimed). */
  loaded: LoadedForSend | null;
  /** Whether the invitation was claimed (it is now 'sending', with its two link tokens). */
  claimed: boolean;
  /** What the claim read under the person's lock: the address's suppression and the person's other surveys near now. */
  suppression: SuppressionReason | null;
  others: Date[];
}

/**
 * The statements of one send claim, on one raw client. The usual claim is one
 * simple-query message: BEGIN, LOAD_AND_LOCK, CLAIM_IF_CLEAR and COMMIT (values
 * inlined as escaped literals), one round trip. Every round trip wakes the
 * database and costs the worker a socket write, which on a busy machine cost
 * more than the statement itself (the worker's CPU profile). A claim that was
 * not made may be settled afterwards, by a statement of its own.
 */
export class SendClaimTx {
  /** BEGIN was sent; when `committed` is still false at the end, the transaction is rolled back. */
  began = false;
  committed = false;

  constructor(
    private readonly client: PoolClient,
    /** Whether this connection has the statements already; if not, the message prepares them first. */
    private readonly prepared: boolean,
  ) {}

  /** Loads the invitation (and locks its person), and claims it at `now` if every send-time rule lets it go; commits. */
  async loadAndClaim(args: { id: string; now: Date; messageId: string; hashes: EmailLinks }): Promise<LoadedAndClaimed> {
    const { id, now, hashes } = args;
    const claim = executeLiteral(CLAIM, [id, now.toISOString(), args.messageId, uuid7(), hashes.response, uuid7(), hashes.unsubscribe]);
    const { loaded, read } = await this.run<{ n: number; suppression: SuppressionReason | null; others: Date[] | null }>(LOAD, id, claim);
    return { loaded, claimed: read?.n === 1, suppression: read?.suppression ?? null, others: read?.others ?? [] };
  }

  /**
   * Loads a sent invitation (locking its person while its reminder may go) and, if the reminder is due, drops it, notes
   * the workspace's pause, or claims it at `now` (over a claim older than `staleBefore`); commits.
   */
  async loadAndClaimReminder(args: { id: string; now: Date; staleBefore: Date; hashes: EmailLinks }): Promise<LoadedAndClaimedReminder> {
    const { id, now, hashes } = args;
    const values = [id, now.toISOString(), args.staleBefore.toISOString(), uuid7(), hashes.response, uuid7(), hashes.unsubscribe];
    const { loaded, read } = await this.run<Record<ReminderOutcome, number>>(
      LOAD_FOR_REMINDER,
      id,
      executeLiteral(CLAIM_FOR_REMINDER, values),
    );
    const outcome = (['claimed', 'dropped', 'paused'] as const).find((kind) => read?.[kind] === 1) ?? null;
    return { loaded, outcome };
  }

  /** BEGIN, the load, the claim and COMMIT in one message. */
  private async run<Read>(load: string, id: string, claim: string): Promise<{ loaded: LoadedForSend | null; read: Read | undefined }> {
    // Set first: should a statement fail, BEGIN has run and the client must be rolled back before it goes back to the pool.
    this.began = true;
    const results = (await this.client.query(
      `${this.prepared ? '' : `${PREPARE};\n`}BEGIN; ${executeLiteral(load, [id])}; ${claim}; COMMIT`,
    )) as unknown as QueryResult[];
    this.committed = true;
    const [loadedRows, claimedRows] = [results[results.length - 3].rows, results[results.length - 2].rows];
    const read = claimedRows[0] as Read | undefined;
    const row = loadedRows[0] as
      (LoadedForSend['invitation'] & { person: Record<string, unknown> | null; lockedPerson?: string }) | undefined;
    if (!row) return { loaded: null, read };
    const { person, lockedPerson: _locked, ...invitation } = row;
    return { loaded: { invitation, person: person ? personFromJson(person) : null }, read };
  }

  /** Notes on the still scheduled, unclaimed invitation why it waits: its workspace's sending is paused. */
  async notePaused(id: string): Promise<void> {
    await this.client.query(inlineParams(NOTE_PAUSED, [id]));
  }

  /** Ends the invitation without sending, if it is still as seen: the rules read under the person's lock stopped it. */
  async settle(seen: SettleSeen, status: InvitationStatus, reason: string): Promise<void> {
    await this.client.query(inlineParams(SETTLE_SQL, settleValues(seen, status, reason)));
  }
}
/**
 * The send claim of a scheduled invitation on a raw client of the process's
 * pool: the send job's hottest transaction, which through Prisma's interactive
 * transaction took nine round trips and the largest part of the worker's CPU per email.
 */
@Injectable()
export class SendClaimRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** Connections of the pool on which the claim's statements are prepared. */
  private readonly prepared = new WeakSet<PoolClient>();

  async transaction<T>(work: (tx: SendClaimTx) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const tx = new SendClaimTx(client, this.prepared.has(client));
    let broken: Error | undefined;
    try {
      const result = await work(tx);
      this.prepared.add(client);
      if (tx.began && !tx.committed) await client.query('ROLLBACK');
      return result;
    } catch (error) {
      if (tx.began && !tx.committed) await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      // The statements are gone from this connection (or were never prepared): it leaves the pool, the job's retry uses another.
      if ((error as { code?: string }).code === INVALID_STATEMENT_NAME || !this.prepared.has(client)) broken ??= error as Error;
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

const DATES = ['unsubscribedAt', 'lastSurveyedAt', 'erasedAt', 'createdAt', 'updatedAt'] as const;

function personFromJson(json: Record<string, unknown>): Person {
  const person = { ...json } as Record<string, unknown>;
  for (const key of DATES) person[key] = json[key] === null ? null : new Date(json[key] as string);
  return person as unknown as Person;
}
