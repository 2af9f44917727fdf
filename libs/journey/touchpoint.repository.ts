import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@cairn/database';

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
