import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import { holdCommit, PG_POOL } from '@cairn/database';

/** The notice was recorded as handed over by an earlier run (or by a concurrent one that committed first). */
export class NoticeAlreadySentError extends Error {}

/**
 * Records that a staff notice was handed to SMTP, keyed by its Message-ID,
 * the way invitations record their hand-over (HandoverRepository, both on
 * holdCommit): the row is inserted in an open transaction while the
 * message's end of data is held, and COMMIT is written just before that mark
 * is released. A run killed before leaves neither (sent again, once); killed
 * after, both are out. A second run waits on the first one's uncommitted row
 * and then finds it.
 */
@Injectable()
export class SentNoticeRepository {
  private readonly logger = new Logger(SentNoticeRepository.name);
  /** COMMITs written but not yet answered, by Message-ID: forget() must not run before its record is visible. */
  private readonly committing = new Map<string, Promise<boolean>>();

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async wasSent(messageId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM sent_notices WHERE message_id = $1', [messageId]);
    return rowCount === 1;
  }

  /** Undoes a record whose message the server then refused: it was not sent. */
  async forget(messageId: string): Promise<void> {
    await this.committing.get(messageId);
    await this.pool.query('DELETE FROM sent_notices WHERE message_id = $1', [messageId]);
  }

  /** Resolves with `commit` once the row is inserted (uncommitted); throws NoticeAlreadySentError, or when `abandoned` fired. */
  async prepare(messageId: string, now: Date, abandoned: AbortSignal): Promise<() => void> {
    const commit = await holdCommit(
      this.pool,
      async (client) => {
        await client.query('BEGIN');
        const { rowCount } = await client.query(
          `INSERT INTO sent_notices (message_id, sent_at) VALUES ($1, $2::timestamptz AT TIME ZONE 'UTC') ON CONFLICT (message_id) DO NOTHING`,
          [messageId, now.toISOString()],
        );
        if (rowCount !== 1) throw new NoticeAlreadySentError(`notice ${messageId} was already handed over`);
        if (abandoned.aborted) throw new Error(`the send of notice ${messageId} failed before its hand-over`);
      },
      { onCommitError: (error) => this.logger.warn(`hand-over of notice ${messageId} was not recorded: ${error.message}`) },
    );
    // COMMIT is written inside commit(); its answer is only awaited by forget().
    return () => {
      const done = commit();
      this.committing.set(messageId, done);
      void done.finally(() => this.committing.delete(messageId));
    };
  }
}
