import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { AdaptiveBatcher } from '@cairn/common';
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

type SubscribedEndpoint = { id: string; format: WebhookFormat };

@Injectable()
export class WebhookEndpointRepository {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  create(data: {
    workspaceId: string;
    url: string;
    events: string[];
    secret: string;
    description?: string;
    format?: WebhookFormat;
    /** Sealed (secret-box), never the key itself. */
    delightedSigningKey?: string | null;
  }) {
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

  /**
   * The enabled endpoints of a workspace subscribed to an event type. Every domain event asks (four per detractor
   * answer), most of which nobody subscribes to, so the asks of concurrent events (a dispatch batch runs ten at
   * once) go out as one named statement.
   */
  subscribed(workspaceId: string, type: DomainEventType): Promise<SubscribedEndpoint[]> {
    return this.subscriptions.submit({ workspaceId, type });
  }

  private readonly subscriptions = new AdaptiveBatcher<{ workspaceId: string; type: DomainEventType }, SubscribedEndpoint[]>(
    async (asks) => {
      const { rows } = await this.pool.query<SubscribedEndpoint & { ord: string }>({
        name: 'webhook-endpoints-subscribed',
        text: `SELECT q.ord, e.id, e.format::text AS format
          FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS q(workspace_id, type, ord)
          JOIN webhook_endpoints e ON e.workspace_id = q.workspace_id AND e.enabled AND q.type = ANY(e.events)
          ORDER BY q.ord, e.id`,
        values: [asks.map((a) => a.workspaceId), asks.map((a) => a.type)],
      });
      const byAsk = asks.map((): SubscribedEndpoint[] => []);
      for (const { ord, id, format } of rows) byAsk[Number(ord) - 1].push({ id, format });
      return byAsk;
    },
    { maxInFlight: 2, maxBatch: 100, gatherTurn: true },
  );

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
