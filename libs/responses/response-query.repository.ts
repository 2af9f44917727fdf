import { Injectable } from '@nestjs/common';
import type { Prisma } from '@cairn/database';
import { PrismaService } from '@cairn/database';
import type { ResponseCursor } from './response-cursor';
import type { ResponseFilterDto } from './response-query.dto';

const WITH_PERSON = { person: { select: { id: true, email: true, name: true } } } as const;

export type ResponseRow = Prisma.ResponseGetPayload<{ include: typeof WITH_PERSON }>;

/** Reads of responses, newest first, in keyset pages (index workspace_id, created_at, id). */
@Injectable()
export class ResponseQueryRepository {
  constructor(private readonly prisma: PrismaService) {}

  page(workspaceId: string, filter: ResponseFilterDto, after: ResponseCursor | null, limit: number): Promise<ResponseRow[]> {
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
    };
    if (after) {
      where.OR = [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }];
    }
    return this.prisma.response.findMany({
      where,
      include: WITH_PERSON,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
    });
  }

  find(workspaceId: string, id: string): Promise<ResponseRow | null> {
    return this.prisma.response.findFirst({ where: { id, workspaceId }, include: WITH_PERSON });
  }
}
