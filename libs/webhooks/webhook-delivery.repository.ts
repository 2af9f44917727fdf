import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { scrubSecrets } from '@cairn/common';
import type { DeliveryStatus } from '@cairn/database';
import { PG_POOL, PrismaService, Tx } from '@cairn/database';
import { uuid7 } from '@cairn/common';
import { SendResult } from './webhook-sender';

export interface ClaimedDelivery {
  id: string;
  attempt: number;
  body: string;
  endpointId: string;
  workspaceId: string;
  url: string;
  secret: string;
  failing: boolean;
}

@Injectable()
export class WebhookDeliveryRepository {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  /** One row per (endpoint, event): a second run of the same event adds nothing, and returns what is still pending. */
  async createForEvent(endpointIds: string[], event: { id: string; type: string }, body: string, responseId: string | null = null) {
    const created = await this.prisma.webhookDelivery.createManyAndReturn({
      data: endpointIds.map((endpointId) => ({ endpointId, outboxEventId: event.id, eventType: event.type, responseId, payload: body })),
      skipDuplicates: true,
      select: { id: true, attempts: true },
    });
    if (created.length === endpointIds.length) return created;
    return this.prisma.webhookDelivery.findMany({
      where: { outboxEventId: event.id, endpointId: { in: endpointIds }, status: 'pending' },
      select: { id: true, attempts: true },
    });
  }

  /**
   * Takes the next attempt: counts it and leases the delivery until `leaseUntil`,
   * so a second job for it (a stalled copy, the sweeper) skips it meanwhile.
   * Null when it is not pending, not due, or its endpoint is disabled.
   */
  async claim(id: string, dueBy: Date, leaseUntil: Date): Promise<ClaimedDelivery | null> {
    // Raw pg, not Prisma: this and recordSuccess run for every delivery, and Prisma's per-query work was the
    // largest part of the worker's CPU per delivery (bench/webhooks-bench profile).
    const { rows } = await this.pool.query<ClaimedDelivery>(
      `UPDATE webhook_deliveries d
       SET attempts = d.attempts + 1, next_attempt_at = $2::timestamptz AT TIME ZONE 'UTC', updated_at = now()
       FROM webhook_endpoints e
       WHERE d.id = $1 AND d.status = 'pending' AND e.id = d.endpoint_id AND e.enabled
         AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= $3::timestamptz AT TIME ZONE 'UTC')
       RETURNING d.id, d.attempts AS attempt, d.payload AS body, e.id AS "endpointId", e.workspace_id AS "workspaceId",
         e.url, e.secret, (e.failing_since IS NOT NULL) AS failing`,
      [id, leaseUntil.toISOString(), dueBy.toISOString()],
    );
    return rows[0] ?? null;
  }

  /**
   * The common case in one statement: log the attempt, mark the delivery done,
   * end the endpoint's failure streak (a no-op while it has none).
   */
  async recordSuccess(claimed: { id: string; attempt: number; endpointId: string }, result: SendResult): Promise<void> {
    await this.pool.query(
      `WITH logged AS (
        INSERT INTO webhook_attempts (id, delivery_id, number, status_code, latency_ms, response_body)
        VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (delivery_id, number) DO NOTHING
      ), delivered AS (
        UPDATE webhook_deliveries
        SET status = 'succeeded', last_status = $4, next_attempt_at = NULL, delivered_at = now(), updated_at = now()
        WHERE id = $2
      )
      UPDATE webhook_endpoints SET failing_since = NULL, updated_at = now()
      WHERE id = $7 AND failing_since IS NOT NULL`,
      [uuid7(), claimed.id, claimed.attempt, result.statusCode, result.latencyMs, result.responseBody, claimed.endpointId],
    );
  }

  async recordAttempt(tx: Tx, deliveryId: string, number: number, result: SendResult): Promise<void> {
    await tx.webhookAttempt.createMany({
      data: [
        {
          deliveryId,
          number,
          statusCode: result.statusCode,
          latencyMs: result.latencyMs,
          // Errors may quote a URL (with a token in its query) or an address: the same scrubbing as logs.
          responseBody: result.responseBody,
          error: result.error ? scrubSecrets(result.error).slice(0, 500) : null,
        },
      ],
      skipDuplicates: true,
    });
  }

  /** Pending again until `nextAttemptAt`, or failed for good when there is none. */
  afterFailure(tx: Tx, id: string, lastStatus: number | null, nextAttemptAt: Date | null) {
    return tx.webhookDelivery.update({ where: { id }, data: { status: nextAttemptAt ? 'pending' : 'failed', lastStatus, nextAttemptAt } });
  }

  /** Gives back a claim without spending the attempt (the endpoint was too busy to try). */
  release(id: string, attempt: number, nextAttemptAt: Date) {
    return this.prisma.webhookDelivery.updateMany({
      where: { id, attempts: attempt, status: 'pending' },
      data: { attempts: attempt - 1, nextAttemptAt },
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

  /** A manual retry: one more attempt now, whatever the delivery's state. */
  reopen(id: string, db: Tx = this.prisma) {
    return db.webhookDelivery.update({
      where: { id },
      data: { status: 'pending', nextAttemptAt: null },
      include: { attemptLog: { orderBy: { number: 'asc' } } },
    });
  }
}
