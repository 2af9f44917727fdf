import { Injectable } from '@nestjs/common';
import type { Improvement, ImprovementStatus, Metric, Prisma } from '@cairn/database';
import { PrismaService } from '@cairn/database';

export type ImprovementRow = Improvement & { touchpoint: { journeyId: string } };

export interface ImprovementWrite {
  title: string;
  hypothesis: string | null;
  owner: string | null;
  status: ImprovementStatus;
  launchedAt: Date | null;
  windowDays: number;
  metric: Metric;
}

const WITH_JOURNEY = { touchpoint: { select: { journeyId: true } } } as const;

/** Improvements of a workspace; every read and write is scoped by the workspace id. */
@Injectable()
export class ImprovementRepository {
  constructor(private readonly prisma: PrismaService) {}

  list(workspaceId: string, filter: { touchpointId?: string; journeyId?: string }): Promise<ImprovementRow[]> {
    return this.prisma.improvement.findMany({
      where: {
        workspaceId,
        touchpointId: filter.touchpointId,
        touchpoint: filter.journeyId ? { journeyId: filter.journeyId } : undefined,
      },
      include: WITH_JOURNEY,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
  }

  find(workspaceId: string, id: string): Promise<ImprovementRow | null> {
    return this.prisma.improvement.findFirst({ where: { id, workspaceId }, include: WITH_JOURNEY });
  }

  create(workspaceId: string, touchpointId: string, data: ImprovementWrite): Promise<ImprovementRow> {
    return this.prisma.improvement.create({ data: { workspaceId, touchpointId, ...data }, include: WITH_JOURNEY });
  }

  /** Null when it is not (or no longer) in the workspace. */
  async update(workspaceId: string, id: string, data: Partial<ImprovementWrite>): Promise<ImprovementRow | null> {
    const change: Prisma.ImprovementUpdateManyMutationInput = data;
    const { count } = await this.prisma.improvement.updateMany({ where: { id, workspaceId }, data: change });
    return count === 0 ? null : this.find(workspaceId, id);
  }

  async delete(workspaceId: string, id: string): Promise<boolean> {
    const { count } = await this.prisma.improvement.deleteMany({ where: { id, workspaceId } });
    return count > 0;
  }
}
