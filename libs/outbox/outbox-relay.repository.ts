import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client, Pool } from 'pg';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { PG_POOL } from '@cairn/database';
import { outboxRowOf, type OutboxRow, type OutboxRowAsRead } from './outbox.repository';

/** The channel an API wakes the worker's relay on; notifications are per database, so test databases never cross. */
const CHANNEL = 'cairn_outbox';
const RECONNECT_MS = 1_000;

// One statement takes the batch and marks it: the rows stay locked (SKIP LOCKED keeps other relays off them)
// until COMMIT, which only follows a successful addBulk; a failed one rolls the marks back. ORDER BY processed_at, seq
// (processed_at is NULL in every row read, so this is seq's order) reads the batch straight off the index on
// (processed_at, seq). Ordered by seq alone, Postgres walked the primary key past every relayed row still in the
// table: 7 ms and 1,400 buffers a batch behind 100,000 relayed rows, 50 ms and 28,000 in bench:distribution's email
// part (pg_stat_statements), against 0.2 ms and 200 buffers now.
const TAKE_BATCH = `
  UPDATE outbox_events SET processed_at = now() AT TIME ZONE 'UTC'
  WHERE seq IN (
    SELECT seq FROM outbox_events
    WHERE processed_at IS NULL AND available_at <= now() AT TIME ZONE 'UTC'
    ORDER BY processed_at, seq LIMIT $1
    FOR UPDATE SKIP LOCKED)
  RETURNING seq, id, workspace_id AS "workspaceId", topic, payload, created_at AT TIME ZONE 'UTC' AS "createdAt"`;

export interface OutboxListener {
  close(): Promise<void>;
}

/**
 * The relay's own statements, on raw clients of the process's pool: moving a
 * batch, and the NOTIFY/LISTEN pair by which an API wakes the worker's relay.
 */
@Injectable()
export class OutboxRelayRepository {
  private readonly logger = new Logger(OutboxRelayRepository.name);

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Takes up to `limit` due rows, hands them to `work` (which queues them) and commits the marks only if it succeeded. */
  async processBatch(limit: number, work: (rows: OutboxRow[]) => Promise<void>): Promise<number> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<OutboxRowAsRead>({ name: 'outbox-relay-take-batch', text: TAKE_BATCH, values: [limit] });
      if (rows.length) await work(rows.sort((a, b) => Number(a.seq) - Number(b.seq)).map(outboxRowOf));
      await client.query('COMMIT');
      return rows.length;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** Its own tiny transaction, never inside a data transaction: NOTIFY holds a global lock through its commit. */
  async notify(): Promise<void> {
    await this.pool.query(`NOTIFY ${CHANNEL}`);
  }

  /**
   * Calls `wake` on every notification, and once each time the listening connection is (re)made: rows committed
   * while nobody listened are picked up then. A dedicated connection, outside the pool: LISTEN holds it for good.
   */
  listen(wake: () => void): OutboxListener {
    let client: Client | null = null;
    let closed = false;
    let timer: NodeJS.Timeout | undefined;
    const connect = async () => {
      if (closed) return;
      const next = new Client({ connectionString: this.config.databaseUrl });
      const retry = (error?: Error) => {
        if (client !== next) return;
        client = null;
        void next.end().catch(() => undefined);
        if (error && !closed) this.logger.warn(`outbox listener lost its connection, reconnecting: ${error.message}`);
        if (!closed) timer = setTimeout(() => void connect(), RECONNECT_MS);
      };
      client = next;
      next.on('error', retry);
      next.on('end', () => retry(new Error('connection ended')));
      next.on('notification', () => wake());
      try {
        await next.connect();
        await next.query(`LISTEN ${CHANNEL}`);
        wake();
      } catch (error) {
        retry(error as Error);
      }
    };
    void connect();
    return {
      close: async () => {
        closed = true;
        clearTimeout(timer);
        const current = client;
        client = null;
        await current?.end().catch(() => undefined);
      },
    };
  }
}
