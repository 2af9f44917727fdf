import { Injectable } from '@nestjs/common';
import { Metric, PrismaService, ResponseSource } from '@cairn/database';

export interface MetricsFilter {
  workspaceId: string;
  touchpointId: string;
  from?: Date;
  /** Exclusive. */
  until: Date;
  /** Only answers from these sources; undefined = all. */
  sources?: ResponseSource[];
}

/**
 * The counts behind GET /metrics.json, read from the responses themselves: Delighted's metrics leave out the
 * responses of people deleted through its API and can be cut by channel, which Cairn's rollups cannot.
 */
@Injectable()
export class DelightedMetricsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async countByScore(filter: MetricsFilter, metric: Metric): Promise<Array<{ score: number; count: number }>> {
    const rows = await this.prisma.response.groupBy({
      by: ['score'],
      where: {
        workspaceId: filter.workspaceId,
        touchpointId: filter.touchpointId,
        metric,
        compatHiddenAt: null,
        createdAt: { gte: filter.from, lt: filter.until },
        ...(filter.sources ? { source: { in: filter.sources } } : {}),
      },
      _count: { _all: true },
    });
    return rows.map((row) => ({ score: row.score, count: row._count._all }));
  }

  /** The metric the touchpoint's survey asks (its oldest survey), or null when it has none. */
  async metricOf(touchpointId: string): Promise<Metric | null> {
    const survey = await this.prisma.survey.findFirst({ where: { touchpointId }, orderBy: { createdAt: 'asc' }, select: { metric: true } });
    return survey?.metric ?? null;
  }
}
