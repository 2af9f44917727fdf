import { Inject, Injectable } from '@nestjs/common';
import type { Pool, PoolClient, QueryResult } from 'pg';
import { uuid7 } from '@cairn/common';
import { executeLiteral, inlineParams, PG_POOL } from '@cairn/database';
import type { InvitationStatus, Person, SuppressionReason } from '@cairn/database';
import type { SendTarget } from './invitation-claim.repository';

// Columns are `timestamp` holding UTC; node-postgres would read them as local time, so they are turned into timestamptz here.
const utc = (column: string, as: string) => `(${column} AT TIME ZONE 'UTC') AS "${as}"`;
const PARAM_TS = (n: number) => `$${n}::timestamptz AT TIME ZONE 'UTC'`;

const LOAD_AND_LOCK = `
  SELECT i.id, i.workspace_id AS "workspaceId", i.person_id AS "personId", i.status::text AS status, i.locale,
    ${utc('i.claimed_at', 'claimedAt')}, ${utc('i.sent_at', 'sentAt')}, ${utc('i.expires_at', 'expiresAt')}, i.attempts,
    ${utc('i.reminder_due_at', 'reminderDueAt')}, ${utc('i.reminder_sent_at', 'reminderSentAt')},
    s.metric::text AS metric, s.channel::text AS channel, s.question, s.subject, s.active, s.throttle_days AS "throttleDays",
    s.reminder_after_seconds AS "reminderAfterSeconds", s.expires_after_seconds AS "expiresAfterSeconds",
    COALESCE(t.name, w.name) AS "touchpointName", w.name AS "companyName", e.properties AS "eventProperties",
    w.sending_paused_at IS NOT NULL AS "sendingPaused", to_jsonb(p) AS person
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
      FROM people WHERE people.id = i.person_id AND i.status = 'scheduled'
      FOR UPDATE) p ON true
  WHERE i.id = $1`;

// The second message of a claim, after the person's lock was granted: a statement sees what committed before it
// started, so it sees any claim of this person made while we waited for the lock (LOAD_AND_LOCK could not). It reads
// the suppression and the person's other surveys in the throttle window, and claims (with both link tokens: no token
// without the claim) only when the caller found nothing against it ($14) and neither blocks.
const CLAIM_IF_CLEAR = `
  WITH ctx AS (
    SELECT (SELECT reason::text FROM suppressions WHERE workspace_id = $9 AND email_hash = $10) AS suppression,
      ARRAY(SELECT COALESCE(sent_at, claimed_at) AT TIME ZONE 'UTC' FROM invitations
            WHERE person_id = $11 AND id <> $1 AND status IN ('sending', 'sent', 'responded')
              AND COALESCE(sent_at, claimed_at) > ${PARAM_TS(12)} AND COALESCE(sent_at, claimed_at) < ${PARAM_TS(13)}) AS others),
  claimed AS (
    UPDATE invitations SET status = 'sending', claimed_at = ${PARAM_TS(2)}, attempts = attempts + 1, message_id = $3,
      sent_at = NULL, updated_at = ${PARAM_TS(2)}
    WHERE id = $1 AND status = 'scheduled' AND claimed_at IS NOT DISTINCT FROM ${PARAM_TS(4)}
      AND $14 AND (SELECT suppression IS NULL AND cardinality(others) = 0 FROM ctx)
    RETURNING id),
  tokens AS (
    INSERT INTO invitation_tokens (id, invitation_id, kind, token_hash)
    SELECT x.id, claimed.id, x.kind::"TokenKind", x.hash FROM claimed, (VALUES ($5, 'response', $6), ($7, 'unsubscribe', $8)) x(id, kind, hash))
  SELECT (SELECT count(*) FROM claimed)::int AS n, suppression, others FROM ctx`;

const NOTE_PAUSED = `UPDATE invitations SET last_error = 'sending paused', updated_at = now() AT TIME ZONE 'UTC'
  WHERE id = $1 AND status = 'scheduled'`;

const SETTLE = `UPDATE invitations SET status = $3::"InvitationStatus", reason = $4, reminder_due_at = NULL, updated_at = now() AT TIME ZONE 'UTC'
  WHERE id = $1 AND status = $2::"InvitationStatus"`;

/**
 * LOAD_AND_LOCK and CLAIM_IF_CLEAR are prepared on each pool connection at its first claim (in the same message):
 * freshly planned, planning the six-table read took 3-4x as long as running it (EXPLAIN ANALYZE, 0.7-1 ms vs 0.2 ms).
 */
const LOAD = 'cairn_send_load_and_lock';
const CLAIM = 'cairn_send_claim_if_clear';
const PREPARE = `PREPARE ${LOAD}(text) AS ${LOAD_AND_LOCK};
  PREPARE ${CLAIM}(text, timestamptz, text, timestamptz, text, text, text, text, text, text, text, timestamptz, timestamptz, boolean) AS
  ${CLAIM_IF_CLEAR}`;
/** SQLSTATE of EXECUTE naming a statement the connection does not have (a DISCARD ALL by someone). */
export const INVALID_STATEMENT_NAME = '26000';

export interface LoadedForSend {
  /** With whether its workspace's sending is paused (the reputation guard), read in the same statement. */
  invitation: SendTarget & { sendingPaused: boolean };
  /** Locked for the rest of the transaction; null when the invitation is not 'scheduled' (nothing was locked) or the person is gone. */
  person: Person | null;
}

/**
 * The statements of one send claim, on one raw client: BEGIN travels with the
 * first statement and COMMIT with the last (one simple-query message each,
 * values inlined as escaped literals), so a claim is two round trips. Every
 * round trip wakes the database and costs the worker a socket write, which on a
 * busy machine cost more than the statement itself (the worker's CPU profile).
 */
export class SendClaimTx {
  /** BEGIN was sent; when `committed` is still false at the end, the transaction is rolled back. */
  began = false;
  committed = false;

  constructor(
    private readonly client: PoolClient,
    /** Whether this connection has the statements already; if not, the first message prepares them. */
    private readonly prepared: boolean,
  ) {}

  async loadAndLock(id: string): Promise<LoadedForSend | null> {
    // Set first: should the SELECT fail, BEGIN has run and the client must be rolled back before it goes back to the pool.
    this.began = true;
    const results = (await this.client.query(
      `${this.prepared ? '' : `${PREPARE};\n`}BEGIN; ${executeLiteral(LOAD, [id])}`,
    )) as unknown as QueryResult[];
    const row = results[results.length - 1].rows[0];
    if (!row) return null;
    const { person, ...invitation } = row as LoadedForSend['invitation'] & { person: Record<string, unknown> | null };
    return { invitation, person: person ? personFromJson(person) : null };
  }

  /**
   * Claims the invitation (scheduled → sending, both token hashes stored) and commits, unless the suppression or the
   * person's other surveys within `window` of `now` block it, or `mayClaim` is false; returns what it read either way.
   */
  async claimIfClear(args: {
    seen: { id: string; workspaceId: string; claimedAt: Date | null };
    person: { id: string; emailHash: string | null };
    messageId: string;
    now: Date;
    windowMs: number;
    mayClaim: boolean;
    hashes: { response: string; unsubscribe: string };
  }): Promise<{ claimed: boolean; suppression: SuppressionReason | null; others: Date[] }> {
    const { seen, person, now, windowMs, hashes } = args;
    const sql = executeLiteral(CLAIM, [
      seen.id,
      now.toISOString(),
      args.messageId,
      seen.claimedAt?.toISOString() ?? null,
      uuid7(),
      hashes.response,
      uuid7(),
      hashes.unsubscribe,
      seen.workspaceId,
      person.emailHash,
      person.id,
      new Date(now.getTime() - windowMs).toISOString(),
      new Date(now.getTime() + windowMs).toISOString(),
      args.mayClaim,
    ]);
    const results = (await this.client.query(`${sql}; COMMIT`)) as unknown as QueryResult[];
    this.committed = true;
    const row = results[0].rows[0];
    return { claimed: row.n === 1, suppression: row.suppression, others: row.others };
  }

  /** Leaves the scheduled invitation unclaimed, noting why, and commits: its workspace's sending is paused. */
  async notePaused(id: string): Promise<void> {
    await this.client.query(`${inlineParams(NOTE_PAUSED, [id])}; COMMIT`);
    this.committed = true;
  }

  /** Ends the invitation without sending, if it is still as seen (also after the claim's transaction ended). */
  async settle(seen: { id: string; status: InvitationStatus }, status: InvitationStatus, reason: string): Promise<void> {
    const sql = inlineParams(SETTLE, [seen.id, seen.status, status, reason]);
    await this.client.query(this.committed ? sql : `${sql}; COMMIT`);
    this.committed = true;
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
