import { Injectable } from '@nestjs/common';
import type { Prisma } from '@cairn/database';
import { ReadRouter } from '@cairn/database';
import { METRICS, SCALES } from '@cairn/scoring';
import { sideOf } from './response-events';
import type { ResponseCursor } from './response-cursor';
import type { ResponseFilterDto } from './response-query.dto';

const WITH_RELATED = {
  person: { select: { id: true, email: true, name: true } },
  analysis: { select: { language: true, sentimentScore: true, sentimentLabel: true, themes: true } },
  // On partitioned history an answer keeps its invitation's id after retention drops the invitation's month (layout
  // step 006): the link is shown only while the invitation exists.
  invitation: { select: { id: true } },
} as const;

type JoinedRow = Prisma.ResponseGetPayload<{ include: typeof WITH_RELATED }>;
export type ResponseRow = Omit<JoinedRow, 'invitation'>;

/** The row as every reader shows it: invitationId is null once the invitation is gone. */
function withLiveInvitation({ invitation, ...row }: JoinedRow): ResponseRow {
  return { ...row, invitationId: invitation?.id ?? null };
}

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
    const client = await this.reads.client();
    const rows = await client.response.findMany({
      where,
      include: WITH_RELATED,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
    });
    return rows.map(withLiveInvitation);
  }

  async find(workspaceId: string, id: string): Promise<ResponseRow | null> {
    const row = await (await this.reads.client()).response.findFirst({ where: { id, workspaceId }, include: WITH_RELATED });
    return row && withLiveInvitation(row);
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
