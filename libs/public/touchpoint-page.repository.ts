import { Injectable } from '@nestjs/common';
import { PrismaService } from '@cairn/database';
import type { LimitReason, PageSource } from './answer-limits.policy';

const PAGE_TOUCHPOINT = {
  workspace: { select: { id: true, slug: true, name: true } },
  surveys: { where: { active: true }, orderBy: { createdAt: 'desc' as const }, take: 1 },
};

/** Touchpoints as their public page (/t/:key) and its QR code see them, and the answers it refused. */
@Injectable()
export class TouchpointPageRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The touchpoint a public link names, with its newest active survey. Keys are unique per workspace: the link's
   * `w` (the workspace slug) decides; without it the key must be unique across workspaces, else nothing is found.
   */
  async byKey(key: string, workspaceSlug: string | null) {
    const rows = await this.prisma.touchpoint.findMany({
      where: { key, journey: { archivedAt: null }, ...(workspaceSlug !== null ? { workspace: { slug: workspaceSlug } } : {}) },
      include: PAGE_TOUCHPOINT,
      take: 2,
    });
    return rows.length === 1 ? rows[0] : null;
  }

  byId(workspaceId: string, id: string) {
    return this.prisma.touchpoint.findFirst({ where: { id, workspaceId }, include: PAGE_TOUCHPOINT });
  }

  /** One more refused answer under its day, source and limit. */
  async countBlocked(row: { workspaceId: string; touchpointId: string; source: PageSource; reason: LimitReason; at: Date }) {
    // Stored as UTC without a zone, like every timestamp here; the day is the UTC day.
    const at = row.at.toISOString();
    await this.prisma.$executeRaw`
      INSERT INTO touchpoint_answer_blocks (touchpoint_id, workspace_id, day, source, reason, count, updated_at)
      VALUES (${row.touchpointId}, ${row.workspaceId}, ${at.slice(0, 10)}::date,
        ${row.source}::"ResponseSource", ${row.reason}, 1, ${at}::timestamp)
      ON CONFLICT (touchpoint_id, day, source, reason)
      DO UPDATE SET count = touchpoint_answer_blocks.count + 1, updated_at = EXCLUDED.updated_at`;
  }

  blocked(touchpointId: string, since: Date) {
    return this.prisma.touchpointAnswerBlock.findMany({
      where: { touchpointId, day: { gte: since } },
      orderBy: [{ day: 'desc' }, { source: 'asc' }, { reason: 'asc' }],
      select: { day: true, source: true, reason: true, count: true },
    });
  }

  answersBySource(touchpointId: string, since: Date) {
    return this.prisma.response.groupBy({
      by: ['source'],
      where: { touchpointId, source: { in: ['qr', 'kiosk'] }, createdAt: { gte: since } },
      _count: { _all: true },
    });
  }
}
