import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { AdaptiveBatcher, scrubSecrets } from '@cairn/common';
import type { DeliveryStatus } from '@cairn/database';
import { arrayParam, HistoryLayout, keyedStatusIs, PG_POOL, PrismaService, Tx } from '@cairn/database';
import { uuid7 } from '@cairn/common';
import { SendResult } from './webhook-sender';

/** Calls of one event-loop turn (the jobs of one fetch), or made while two statements run, leave together; a failed statement fails its calls. */
const DELIVERY_BATCHES = { maxInFlight: 2, maxBatch: 100, gatherTurn: true };

export interface ClaimedDelivery {
  id: string;
  attempt: number;
  body: string;
  endpointId: string;
  workspaceId: string;
  url: string;
  secret: string;
  /** The endpoint's Delighted signing key, sealed (format delighted), or null. */
  delightedSigningKey: string | null;
  failing: boolean;
}

/** One event's deliveries: to these endpoints, this body. */
export interface DeliveriesToCreate {
  endpointIds: string[];
  event: { id: string; type: string };
  body: string;
  responseId: string | null;
}

@Injectable()
export class WebhookDeliveryRepository {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly layout: HistoryLayout,
  ) {}

  /**
   * One row per (endpoint, event): a second run of the same event adds nothing, and returns what is still pending.
   * One named statement for the events of a whole fan-out batch (the rows this run added, and those an earlier run
   * left pending). The body is stored as a JSON string, the exact bytes that are signed and sent.
   */
  async createForEvents(events: DeliveriesToCreate[]): Promise<Array<{ id: string; attempts: number }>> {
    const rows = events.flatMap((e) => e.endpointIds.map((endpointId) => ({ ...e, endpointId })));
    if (!rows.length) return [];
    const column = <T>(pick: (r: (typeof rows)[number]) => T) => rows.map(pick);
    // One delivery per (endpoint, event). Partitioned (HISTORY_PARTITIONED), webhook_deliveries has no unique index
    // to arbitrate ON CONFLICT: the key lives in cairn_history.unique_keys, and claiming it first skips the same rows.
    const partitioned = await this.layout.partitioned();
    const claim = partitioned
      ? `claimed AS (
          INSERT INTO cairn_history.unique_keys (constraint_name, key, row_id)
          SELECT 'webhook_deliveries_endpoint_id_outbox_event_id_key', ARRAY[d.endpoint_id, d.outbox_event_id]::text, d.id FROM wanted d
          ON CONFLICT DO NOTHING
          RETURNING row_id),`
      : '';
    const result = await this.pool.query<{ id: string; attempts: number }>({
      name: partitioned ? 'webhook-deliveries-create-partitioned' : 'webhook-deliveries-create',
      text: `WITH wanted AS (
          SELECT * FROM unnest(${arrayParam(1, 'text')}, $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
            AS d(id, endpoint_id, outbox_event_id, event_type, response_id, body)),
        ${claim}
        added AS (
          INSERT INTO webhook_deliveries (id, endpoint_id, outbox_event_id, event_type, response_id, payload, created_at, updated_at)
          SELECT d.id, d.endpoint_id, d.outbox_event_id, d.event_type, d.response_id, to_jsonb(d.body),
            now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
          ${partitioned ? 'FROM wanted d JOIN claimed c ON c.row_id = d.id' : 'FROM wanted d ON CONFLICT (endpoint_id, outbox_event_id) DO NOTHING'}
          RETURNING id, attempts)
        SELECT id, attempts FROM added
        UNION ALL
        SELECT w.id, w.attempts FROM webhook_deliveries w
        JOIN wanted d ON w.outbox_event_id = d.outbox_event_id AND w.endpoint_id = d.endpoint_id
        WHERE ${keyedStatusIs('w.status', 'pending')} AND w.id NOT IN (SELECT id FROM added)`,
      values: [
        column(() => uuid7()),
        column((r) => r.endpointId),
        column((r) => r.event.id),
        column((r) => r.event.type),
        column((r) => r.responseId),
        column((r) => r.body),
      ],
    });
    return result.rows;
  }

  /**
   * Takes the next attempt: counts it and leases the delivery until `leaseUntil`,
   * so a second job for it (a stalled copy, the sweeper) skips it meanwhile.
   * Null when it is not pending, not due, or its endpoint is disabled.
   */
  claim(id: string, dueBy: Date, leaseUntil: Date): Promise<ClaimedDelivery | null> {
    return this.claims.submit({ id, dueBy, leaseUntil });
  }

  /**
   * The common case in one statement: log the attempt, mark the delivery done,
   * end the endpoint's failure streak (a no-op while it has none). Resolves once committed.
   */
  recordSuccess(claimed: { id: string; attempt: number; endpointId: string }, result: SendResult): Promise<void> {
    return this.successes.submit({ claimed, result });
  }

  // Claims and successes run once per delivery each. Raw pg, not Prisma (Prisma's per-query work was the largest
  // named cost in the worker's profile), and the calls of concurrent jobs go out as one statement (AdaptiveBatcher, gathering one turn):
  // at WEBHOOK_CONCURRENCY 50 one round trip and one commit per delivery each were the next cost (bench/webhooks-bench).
  private readonly claims = new AdaptiveBatcher<{ id: string; dueBy: Date; leaseUntil: Date }, ClaimedDelivery | null>(async (calls) => {
    // Sorted, so two batches lock their rows in the same order; each id once (a second job for the same delivery in
    // the same batch gets null, as it would a moment later).
    const unique = [...new Map(calls.map((c) => [c.id, c])).values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    const { rows } = await this.pool.query<ClaimedDelivery>({
      name: 'webhook-deliveries-claim',
      text: `UPDATE webhook_deliveries d
        SET attempts = d.attempts + 1, next_attempt_at = c.lease AT TIME ZONE 'UTC', updated_at = now()
        FROM unnest(${arrayParam(1, 'text')}, $2::timestamptz[], $3::timestamptz[]) AS c(id, lease, due_by), webhook_endpoints e
        WHERE d.id = c.id AND ${keyedStatusIs('d.status', 'pending')} AND e.id = d.endpoint_id AND e.enabled
          AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= c.due_by AT TIME ZONE 'UTC')
        RETURNING d.id, d.attempts AS attempt, d.payload AS body, e.id AS "endpointId", e.workspace_id AS "workspaceId",
          e.url, e.secret, CASE WHEN e.format = 'delighted' THEN e.delighted_signing_key END AS "delightedSigningKey",
          (e.failing_since IS NOT NULL) AS failing`,
      values: [unique.map((c) => c.id), unique.map((c) => c.leaseUntil.toISOString()), unique.map((c) => c.dueBy.toISOString())],
    });
    const claimed = new Map(rows.map((row) => [row.id, row]));
    return calls.map((c) => {
      const row = claimed.get(c.id) ?? null;
      claimed.delete(c.id);
      return row;
    });
  }, DELIVERY_BATCHES);

  private readonly successes = new AdaptiveBatcher<
    { claimed: { id: string; attempt: number; endpointId: string }; result: SendResult },
    void
  >(async (calls) => {
    const sorted = [...calls].sort((a, b) => (a.claimed.id < b.claimed.id ? -1 : 1));
    const column = <T>(pick: (c: (typeof calls)[number]) => T) => sorted.map(pick);
    // An attempt logged already is skipped; partitioned, through its (delivery, number) key claimed first (as above).
    const partitioned = await this.layout.partitioned();
    const claim = partitioned
      ? `claimed AS (
            INSERT INTO cairn_history.unique_keys (constraint_name, key, row_id)
            SELECT 'webhook_attempts_delivery_id_number_key', ARRAY[delivery_id, number::text]::text, attempt_id FROM s
            ON CONFLICT DO NOTHING
            RETURNING row_id),`
      : '';
    await this.pool.query({
      name: partitioned ? 'webhook-deliveries-succeeded-partitioned' : 'webhook-deliveries-succeeded',
      text: `WITH s AS (
            SELECT * FROM unnest(${arrayParam(1, 'text')}, $2::text[], $3::int[], $4::int[], $5::int[], $6::text[], $7::text[])
              AS s(attempt_id, delivery_id, number, status_code, latency_ms, response_body, endpoint_id)),
          ${claim}
          logged AS (
            INSERT INTO webhook_attempts (id, delivery_id, number, status_code, latency_ms, response_body)
            SELECT attempt_id, delivery_id, number, status_code, latency_ms, response_body
            ${partitioned ? 'FROM s JOIN claimed c ON c.row_id = s.attempt_id' : 'FROM s ON CONFLICT (delivery_id, number) DO NOTHING'}),
          delivered AS (
            UPDATE webhook_deliveries d
            SET status = 'succeeded', last_status = s.status_code, next_attempt_at = NULL, delivered_at = now(), updated_at = now()
            FROM s WHERE d.id = s.delivery_id)
          UPDATE webhook_endpoints SET failing_since = NULL, updated_at = now()
          WHERE id IN (SELECT endpoint_id FROM s) AND failing_since IS NOT NULL`,
      values: [
        column(() => uuid7()),
        column((c) => c.claimed.id),
        column((c) => c.claimed.attempt),
        column((c) => c.result.statusCode),
        column((c) => c.result.latencyMs),
        column((c) => c.result.responseBody),
        column((c) => c.claimed.endpointId),
      ],
    });
    return calls.map(() => undefined);
  }, DELIVERY_BATCHES);

  /** Logs attempt `number` once: a second log of the same number (a job run again) is skipped. */
  async recordAttempt(tx: Tx, deliveryId: string, number: number, result: SendResult): Promise<void> {
    // Errors may quote a URL (with a token in its query) or an address: the same scrubbing as logs.
    const error = result.error ? scrubSecrets(result.error).slice(0, 500) : null;
    if (!(await this.layout.partitioned())) {
      const { statusCode, latencyMs, responseBody } = result;
      await tx.webhookAttempt.createMany({
        data: [{ deliveryId, number, statusCode, latencyMs, responseBody, error }],
        skipDuplicates: true,
      });
      return;
    }
    const id = uuid7();
    // Partitioned: the (delivery, number) key is claimed first (cairn_history.unique_keys), the skip that
    // skipDuplicates gives where a unique index can arbitrate it.
    await tx.$executeRaw`
      WITH claimed AS (
        INSERT INTO cairn_history.unique_keys (constraint_name, key, row_id)
        VALUES ('webhook_attempts_delivery_id_number_key', ARRAY[${deliveryId}::text, ${number}::int::text]::text, ${id})
        ON CONFLICT DO NOTHING
        RETURNING row_id)
      INSERT INTO webhook_attempts (id, delivery_id, number, status_code, latency_ms, response_body, error)
      SELECT ${id}, ${deliveryId}, ${number}::int, ${result.statusCode}::int, ${result.latencyMs}::int, ${result.responseBody}, ${error}
      FROM claimed`;
  }

  /** Pending again until `nextAttemptAt`, or failed for good when there is none. */
  afterFailure(tx: Tx, id: string, lastStatus: number | null, nextAttemptAt: Date | null) {
    return tx.webhookDelivery.update({ where: { id }, data: { status: nextAttemptAt ? 'pending' : 'failed', lastStatus, nextAttemptAt } });
  }

  /**
   * Gives back a claim without spending the attempt (the endpoint was too busy to try). Named raw statement: a
   * receiver slower than the work coming to it makes many of these in a row.
   */
  async release(id: string, attempt: number, nextAttemptAt: Date): Promise<void> {
    await this.pool.query({
      name: 'webhook-deliveries-release',
      text: `UPDATE webhook_deliveries SET attempts = $2 - 1, next_attempt_at = $3::timestamptz AT TIME ZONE 'UTC', updated_at = now()
        WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
      values: [id, attempt, nextAttemptAt.toISOString()],
    });
  }

  /** Pending deliveries whose job should have run by now (lost with Redis, a crash, an expired lease). */
  overdue(before: Date, limit: number) {
    return this.prisma.webhookDelivery.findMany({
      where: {
        status: 'pending',
        endpoint: { enabled: true },
        OR: [{ nextAttemptAt: { lte: before } }, { nextAttemptAt: null, createdAt: { lte: before } }],
      },
      select: { id: true, attempts: true, nextAttemptAt: true, createdAt: true },
      orderBy: { nextAttemptAt: 'asc' },
      take: limit,
    });
  }

  async makePendingDue(endpointId: string, db: Tx = this.prisma) {
    await db.webhookDelivery.updateMany({ where: { endpointId, status: 'pending' }, data: { nextAttemptAt: null } });
    return db.webhookDelivery.findMany({ where: { endpointId, status: 'pending' }, select: { id: true, attempts: true } });
  }

  list(endpointId: string, opts: { status?: DeliveryStatus; cursor?: string; limit: number }) {
    return this.prisma.webhookDelivery.findMany({
      where: { endpointId, ...(opts.status ? { status: opts.status } : {}), ...(opts.cursor ? { id: { lt: opts.cursor } } : {}) },
      include: { attemptLog: { orderBy: { number: 'asc' } } },
      orderBy: { id: 'desc' },
      take: opts.limit + 1,
    });
  }

  find(endpointId: string, id: string) {
    return this.prisma.webhookDelivery.findFirst({ where: { id, endpointId }, include: { attemptLog: { orderBy: { number: 'asc' } } } });
  }

  /** A test event's delivery (no outbox event behind it: its id is the test's own), stored as the exact bytes sent. */
  createTest(tx: Tx, endpointId: string, event: { id: string; type: string }, body: string) {
    return tx.webhookDelivery.create({
      data: { endpointId, outboxEventId: event.id, eventType: event.type, payload: body },
      include: { attemptLog: true },
    });
  }

  /** A manual retry: one more attempt now, whatever the delivery's state. */
  reopen(id: string, db: Tx = this.prisma) {
    return db.webhookDelivery.update({
      where: { id },
      data: { status: 'pending', nextAttemptAt: null },
      include: { attemptLog: { orderBy: { number: 'asc' } } },
    });
  }
}
