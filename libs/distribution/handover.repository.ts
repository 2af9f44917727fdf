import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Pool, PoolClient, QueryResult } from 'pg';
import { PG_POOL } from '@cairn/database';
import type { Claim } from './invitation-claim.repository';

/** The invitation column that says "this email was handed to SMTP". */
export type HandoverColumn = 'sent_at' | 'reminder_sent_at';

/**
 * Records "handed over to SMTP" so that it is durable exactly when the
 * message's end-of-data mark leaves this process. The row is updated in an
 * open transaction first (checking our claim); then COMMIT is written to the
 * database socket synchronously, and the end of data follows within the same
 * few ticks. A process killed before that point leaves neither (the server
 * discards the cut-off message, Postgres rolls back): the email is sent again,
 * once. Killed after it, both are out: the email is not sent again. Waiting
 * for COMMIT's answer instead would open a window of a database round trip.
 * node-postgres writes a query to its socket inside query(), which Prisma's
 * layers do not promise; hence raw clients of the process's one pool (PG_POOL).
 */
@Injectable()
export class HandoverRepository {
  private readonly logger = new Logger(HandoverRepository.name);

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /**
   * Resolves with `commit` once the row is marked (uncommitted); throws if the claim is no longer ours, or if
   * `abandoned` fired meanwhile: the SMTP session already failed (a slow database outlasted its timeout), so its
   * end of data will never reach the server, and recording "handed over" would mark an email sent that never left.
   */
  async prepare(column: HandoverColumn, claim: Claim, now: Date, abandoned?: AbortSignal): Promise<() => void> {
    const client = await this.pool.connect();
    try {
      const guard = column === 'sent_at' ? `status = 'sending' AND sent_at IS NULL` : `status = 'sent' AND reminder_sent_at IS NULL`;
      const at = client.escapeLiteral(now.toISOString());
      // BEGIN and the UPDATE in one message (values as escaped literals): one round trip fewer per email.
      const [, result] = (await client.query(
        `BEGIN; UPDATE invitations SET ${column} = ${at}::timestamptz AT TIME ZONE 'UTC', updated_at = ${at}::timestamptz AT TIME ZONE 'UTC'
         WHERE id = ${client.escapeLiteral(claim.id)} AND ${guard}
           AND claimed_at = ${client.escapeLiteral(claim.claimedAt.toISOString())}::timestamptz AT TIME ZONE 'UTC'`,
      )) as unknown as QueryResult[];
      if (result.rowCount !== 1) throw new Error(`invitation ${claim.id} is no longer claimed by this run`);
      if (abandoned?.aborted) throw new Error(`the send of invitation ${claim.id} failed before its hand-over`);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
      throw error;
    }
    return () => this.commit(client, claim.id);
  }

  /** Writes COMMIT now; its answer is only awaited in the background. */
  private commit(client: PoolClient, id: string): void {
    client.query('COMMIT').then(
      () => client.release(),
      (error: Error) => {
        // The send goes on: marking it sent afterwards sets sent_at anyway. Only a crash right now could resend it.
        this.logger.warn(`hand-over of invitation ${id} was not recorded: ${error.message}`);
        client.release(error);
      },
    );
  }
}
