import { Injectable } from '@nestjs/common';
import type { Prisma } from '@cairn/database';
import { ReadRouter } from '@cairn/database';
import { METRICS, SCALES } from '@cairn/scoring';
import { sideOf } from './response-events';
import type { ResponseCursor } from './response-cursor';
import type { ResponseFilterDto } from './response-query.dto';

const WITH_PERSON = {
  person: { select: { id: true, email: true, name: true } },
  analysis: { select: { language: true, sentimentScore: true, sentimentLabel: true, themes: true } },
} as const;

export type ResponseRow = Prisma.ResponseGetPayload<{ include: typeof WITH_PERSON }>;

/** Reads of responses, newest first, in keyset pages (index workspace_id, created_at, id). */
@Injectable()
export class ResponseQueryRepository {
  constructor(private readonly reads: ReadRouter) {}

  async page(workspaceId: string, filter: ResponseFilterDto, after: ResponseCursor | null, limit: number): Promise<ResponseRow[]> {
    const createdAt: Prisma.DateTimeFilter = {};
    if (filter.since) createdAt.gte = new Date(filter.since);
    if (filter.until) createdAt.lt = new Date(filter.until);
    const where: Prisma.ResponseWhereInput = {
      workspaceId,
      touchpointId: filter.touchpointId,
      stageId: filter.stageId,
      journeyId: filter.journeyId,
      metric: filter.metric,
      createdAt,
      AND: [],
    };
    const and = where.AND as Prisma.ResponseWhereInput[];
    if (filter.theme || filter.sentiment) {
      and.push({
        analysis: {
          ...(filter.theme ? { themes: { has: filter.theme } } : {}),
          ...(filter.sentiment ? { sentimentLabel: filter.sentiment } : {}),
        },
      });
    }
    if (filter.category) and.push({ OR: categoryScores(filter.category) });
    if (filter.q) and.push({ comment: { contains: filter.q, mode: 'insensitive' } });
    if (after) {
      and.push({ OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] });
    }
    return (await this.reads.client()).response.findMany({
      where,
      include: WITH_PERSON,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
    });
  }

  async find(workspaceId: string, id: string): Promise<ResponseRow | null> {
    return (await this.reads.client()).response.findFirst({ where: { id, workspaceId }, include: WITH_PERSON });
  }
}

const CATEGORY_SIDE = { detractor: 'response.detractor', promoter: 'response.promoter', passive: null } as const;

/** A category as scores per metric: the same sides alerts and webhooks use. */
function categoryScores(category: keyof typeof CATEGORY_SIDE): Prisma.ResponseWhereInput[] {
  return METRICS.map((metric) => {
    const { min, max } = SCALES[metric];
    const scores: number[] = [];
    for (let score = min; score <= max; score++) if (sideOf(metric, score) === CATEGORY_SIDE[category]) scores.push(score);
    return { metric, score: { in: scores } };
  });
}
