import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@cairn/database';
import type { Metric } from '@cairn/scoring';

/** Touchpoints of live (not archived) journeys, always within one workspace. */
@Injectable()
export class TouchpointRepository {
  constructor(private readonly prisma: PrismaService) {}

  list(workspaceId: string, filter: { stageId?: string; journeyId?: string }) {
    return this.prisma.touchpoint.findMany({
      where: { workspaceId, journey: { archivedAt: null }, ...filter },
      orderBy: [{ stageId: 'asc' }, { position: 'asc' }, { createdAt: 'asc' }],
    });
  }

  find(workspaceId: string, id: string) {
    return this.prisma.touchpoint.findFirst({ where: { id, workspaceId, journey: { archivedAt: null } } });
  }

  findByKey(workspaceId: string, key: string) {
    return this.prisma.touchpoint.findUnique({ where: { workspaceId_key: { workspaceId, key } } });
  }

  /**
   * The metrics a touchpoint is measured by: its surveys', plus any it already has answers in (a survey may have
   * been replaced since) — the same rule as the map's, so a target is checked on the scales the map compares it on.
   */
  async metrics(id: string): Promise<Metric[]> {
    const rows = await this.prisma.$queryRaw<Array<{ metric: Metric }>>`
      SELECT v.metric::text AS metric FROM surveys v WHERE v.touchpoint_id = ${id}
      UNION
      SELECT m::text FROM unnest(enum_range(NULL::"Metric")) AS m
      CROSS JOIN LATERAL (SELECT 1 FROM score_rollups_daily s WHERE s.touchpoint_id = ${id} AND s.metric = m AND s.count > 0 LIMIT 1) x
      ORDER BY 1`;
    return rows.map((r) => r.metric);
  }

  countInStage(stageId: string): Promise<number> {
    return this.prisma.touchpoint.count({ where: { stageId } });
  }

  create(data: Prisma.TouchpointUncheckedCreateInput) {
    return this.prisma.touchpoint.create({ data });
  }

  update(id: string, data: Prisma.TouchpointUncheckedUpdateInput) {
    return this.prisma.touchpoint.update({ where: { id }, data });
  }

  /** What keeps a touchpoint from being deleted: its answers and the invitations of its surveys. */
  async usage(id: string): Promise<{ responses: number; invitations: number }> {
    const [responses, invitations] = await Promise.all([
      this.prisma.response.count({ where: { touchpointId: id } }),
      this.prisma.invitation.count({ where: { survey: { touchpointId: id } } }),
    ]);
    return { responses, invitations };
  }

  async delete(id: string): Promise<void> {
    await this.prisma.touchpoint.delete({ where: { id } });
  }
}
