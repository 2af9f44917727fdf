import { Injectable } from '@nestjs/common';
import { PrismaService } from '@cairn/database';
import type { DeliveryCounts } from './reputation.policy';

export interface DomainCount {
  domain: string;
  bounced: number;
}

/** What a workspace sent and got back since an instant, read from invitations and bounce records. */
@Injectable()
export class DeliverabilityStatsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Survey emails (first sends and reminders) sent since `since`; hard bounces and complaints recorded since then. */
  async counts(workspaceId: string, since: Date): Promise<DeliveryCounts & { softBounced: number }> {
    const [sent] = await this.prisma.$queryRaw<Array<{ sent: bigint }>>`
      SELECT (SELECT count(*) FROM invitations WHERE workspace_id = ${workspaceId} AND sent_at >= ${since})
           + (SELECT count(*) FROM invitations WHERE workspace_id = ${workspaceId} AND reminder_sent_at >= ${since}) AS sent`;
    const kinds = await this.prisma.bounce.groupBy({
      by: ['kind'],
      where: { workspaceId, createdAt: { gte: since } },
      _count: { _all: true },
    });
    const count = (kind: string) => kinds.find((row) => row.kind === kind)?._count._all ?? 0;
    return { sent: Number(sent.sent), bounced: count('hard'), softBounced: count('soft'), complained: count('complaint') };
  }

  /** Recipient domains with the most bounces (hard and soft) since `since`. */
  async topBouncingDomains(workspaceId: string, since: Date, limit = 5): Promise<DomainCount[]> {
    const rows = await this.prisma.bounce.groupBy({
      by: ['domain'],
      where: { workspaceId, createdAt: { gte: since }, kind: { in: ['hard', 'soft'] } },
      _count: { _all: true },
      orderBy: [{ _count: { domain: 'desc' } }, { domain: 'asc' }],
      take: limit,
    });
    return rows.map((row) => ({ domain: row.domain, bounced: row._count._all }));
  }
}
