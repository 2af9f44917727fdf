import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL, PrismaService, Tx } from '@cairn/database';
import type { WebhookFormat } from '@cairn/database';
import { DomainEventType } from '@cairn/outbox';

export interface EndpointChanges {
  url?: string;
  events?: string[];
  description?: string;
  enabled?: boolean;
  format?: WebhookFormat;
}

@Injectable()
export class WebhookEndpointRepository {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  create(data: { workspaceId: string; url: string; events: string[]; secret: string; description?: string; format?: WebhookFormat }) {
    return this.prisma.webhookEndpoint.create({ data });
  }

  list(workspaceId: string) {
    return this.prisma.webhookEndpoint.findMany({ where: { workspaceId }, orderBy: { createdAt: 'asc' } });
  }

  find(workspaceId: string, id: string) {
    return this.prisma.webhookEndpoint.findFirst({ where: { id, workspaceId } });
  }

  findById(id: string) {
    return this.prisma.webhookEndpoint.findUnique({ where: { id } });
  }

  /** Enabling clears the failure streak and the reason it was switched off. */
  update(id: string, changes: EndpointChanges, disabledReason: string | null) {
    const toggled =
      changes.enabled === true
        ? { failingSince: null, disabledAt: null, disabledReason: null }
        : changes.enabled === false
          ? { disabledAt: new Date(), disabledReason }
          : {};
    return this.prisma.webhookEndpoint.update({ where: { id }, data: { ...changes, ...toggled } });
  }

  async delete(workspaceId: string, id: string): Promise<boolean> {
    const { count } = await this.prisma.webhookEndpoint.deleteMany({ where: { id, workspaceId } });
    return count > 0;
  }

  /** Read for every domain event, most of which nobody subscribes to: a named statement, not an ORM query. */
  async subscribed(workspaceId: string, type: DomainEventType): Promise<Array<{ id: string; format: WebhookFormat }>> {
    const { rows } = await this.pool.query<{ id: string; format: WebhookFormat }>({
      name: 'webhook-endpoints-subscribed',
      text: `SELECT id, format::text AS format FROM webhook_endpoints WHERE workspace_id = $1 AND enabled AND $2 = ANY(events) ORDER BY id`,
      values: [workspaceId, type],
    });
    return rows;
  }

  /** Starts a failure streak unless one is running; returns when it started. */
  async markFailing(tx: Tx, id: string, now: Date): Promise<Date | null> {
    await tx.webhookEndpoint.updateMany({ where: { id, failingSince: null }, data: { failingSince: now } });
    const row = await tx.webhookEndpoint.findUnique({ where: { id }, select: { failingSince: true } });
    return row?.failingSince ?? null;
  }

  /** How many days of failure the workspace tolerates before an endpoint is switched off (5 unless set). */
  async disableAfterDays(tx: Tx, workspaceId: string): Promise<number> {
    const workspace = await tx.workspace.findUnique({ where: { id: workspaceId }, select: { webhookDisableAfterDays: true } });
    return workspace?.webhookDisableAfterDays ?? 5;
  }

  /** True only for the call that actually switched it off, so admins hear about it once. */
  async disable(tx: Tx, id: string, reason: string): Promise<boolean> {
    const { count } = await tx.webhookEndpoint.updateMany({
      where: { id, enabled: true },
      data: { enabled: false, disabledAt: new Date(), disabledReason: reason },
    });
    return count > 0;
  }
}
