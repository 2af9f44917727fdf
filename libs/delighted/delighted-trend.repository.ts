import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '@cairn/database';

/** Delighted's trend ids brought over by imports, each mapped to the touchpoint that holds its responses. */
@Injectable()
export class DelightedTrendRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** New trend ids are mapped to the touchpoint; one mapped before keeps its touchpoint. */
  async remember(tx: Tx, workspaceId: string, trendIds: string[], touchpointId: string): Promise<void> {
    if (!trendIds.length) return;
    await tx.delightedTrend.createMany({
      data: trendIds.map((trendId) => ({ workspaceId, trendId: trendId.slice(0, 100), touchpointId })),
      skipDuplicates: true,
    });
  }

  async touchpointOf(workspaceId: string, trendId: string) {
    const row = await this.prisma.delightedTrend.findUnique({
      where: { workspaceId_trendId: { workspaceId, trendId } },
      include: { touchpoint: true },
    });
    return row?.touchpoint ?? null;
  }
}
