import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Pool, PoolClient, QueryResult } from 'pg';
import { executeLiteral, holdCommit, PG_POOL } from '@cairn/database';
import type { Claim } from './invitation-claim.repository';
import { INVALID_STATEMENT_NAME } from './send-claim.repository';

/**
 * The invitation column that says "this email was handed to SMTP": handed_over_at for the survey email (sent_at
 * takes its value when the send is marked sent), reminder_sent_at for the reminder. Neither is indexed, so the
 * record is a HOT update when the row's page has room.
 */
export type HandoverColumn = 'handed_over_at' | 'reminder_sent_at';

// `sent_at IS NULL` too: a version before handed_over_at recorded the survey email's hand-over there.
const GUARD: Record<HandoverColumn, string> = {
  handed_over_at: `status = 'sending' AND sent_at IS NULL AND handed_over_at IS NULL`,
  reminder_sent_at: `status = 'sent' AND reminder_sent_at IS NULL`,
};
/** One statement per column, prepared on each pool connection at its first hand-over ($1 now, $2 id, $3 claimed at). */
const STATEMENT: Record<HandoverColumn, string> = { handed_over_at: 'cairn_handover_email', reminder_sent_at: 'cairn_handover_reminder' };
const PREPARE = (Object.keys(STATEMENT) as HandoverColumn[])
  .map(
    (column) => `PREPARE ${STATEMENT[column]}(timestamptz, text, timestamptz) AS
      UPDATE invitations SET ${column} = $1 AT TIME ZONE 'UTC', updated_at = $1 AT TIME ZONE 'UTC'
      WHERE id = $2 AND ${GUARD[column]} AND claimed_at = $3 AT TIME ZONE 'UTC'`,
  )
  .join(';\n');

/**
 * Records "handed over to SMTP" so that it is durable exactly when the
 * message's end-of-data mark leaves this process. The row is updated in an
 * open transaction first (checking our claim); then COMMIT is written to the
 * database socket synchronously, and the end of data follows in the same
 * synchronous call, a few microseconds later. A process killed before that
 * point leaves neither (the server discards the cut-off message, Postgres
 * rolls back): the email is sent again, once. Killed after it, both are
 * out: the email is not sent again. Waiting for COMMIT's answer instead
 * would open a window of a database round trip.
 * node-postgres writes a query to its socket inside query(), which Prisma's
 * layers do not promise; hence raw clients of the process's one pool (PG_POOL).
 */
@Injectable()
export class HandoverRepository {
  private readonly logger = new Logger(HandoverRepository.name);

  /** Connections of the pool on which the hand-over statements are prepared. */
  private readonly prepared = new WeakSet<PoolClient>();

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /**
   * Resolves with `commit` once the row is marked (uncommitted); throws if the claim is no longer ours, or if
   * `abandoned` fired meanwhile: the SMTP session already failed (a slow database outlasted its timeout), so its
   * end of data will never reach the server, and recording "handed over" would mark an email sent that never left.
   */
  async prepare(column: HandoverColumn, claim: Claim, now: Date, abandoned?: AbortSignal): Promise<() => Promise<boolean>> {
    const commit = await holdCommit(
      this.pool,
      async (client) => {
        const prepared = this.prepared.has(client);
        // BEGIN and the UPDATE in one message (values as escaped literals): one round trip fewer per email.
        const execute = executeLiteral(STATEMENT[column], [now.toISOString(), claim.id, claim.claimedAt.toISOString()]);
        const results = (await client.query(`${prepared ? '' : `${PREPARE};\n`}BEGIN; ${execute}`)) as unknown as QueryResult[];
        this.prepared.add(client);
        if (results[results.length - 1].rowCount !== 1) throw new Error(`invitation ${claim.id} is no longer claimed by this run`);
        if (abandoned?.aborted) throw new Error(`the send of invitation ${claim.id} failed before its hand-over`);
      },
      {
        // A connection whose statements are gone (a DISCARD ALL by someone) or half made leaves the pool.
        discard: (error, client) => (error as { code?: string }).code === INVALID_STATEMENT_NAME || !this.prepared.has(client),
        // The send goes on: marking it sent afterwards sets sent_at anyway. Only a crash right now could resend it.
        onCommitError: (error) => this.logger.warn(`hand-over of invitation ${claim.id} was not recorded: ${error.message}`),
      },
    );
    // COMMIT is written inside commit(); its answer (whether the record committed) is a promise nobody needs to await.
    return commit;
  }
}
