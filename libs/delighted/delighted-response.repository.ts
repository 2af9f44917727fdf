import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService, Response, Tx } from '@cairn/database';
import type { ResponseOrder } from './delighted-response.request';

export interface ResponsePageFilter {
  workspaceId: string;
  touchpointId: string;
  created: { gte?: Date; lt?: Date };
  updated: { gte?: Date; lt?: Date };
  personId?: string;
}

/**
 * Responses as Delighted's API reads and writes them: rows found again by
 * their Delighted id (CSV imports), edits by id,
 * pages in its order, and the people and case notes it can expand.
 */
@Injectable()
export class DelightedResponseRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The response, locked for the rest of the transaction (edits of one response run one at a time), or null. */
  async lock(tx: Tx, workspaceId: string, id: string): Promise<Response | null> {
    const rows = await tx.$queryRaw<
      Array<{ id: string }>
    >`SELECT id FROM responses WHERE id = ${id} AND workspace_id = ${workspaceId} FOR UPDATE`;
    if (!rows.length) return null;
    return tx.response.findUniqueOrThrow({ where: { id } });
  }

  update(
    tx: Tx,
    id: string,
    change: { score: number; comment: string | null; personProperties: Record<string, unknown>; settling: boolean; settledScore: null },
  ) {
    return tx.response.update({
      where: { id },
      data: { ...change, personProperties: change.personProperties as Prisma.InputJsonObject },
    });
  }

  find(workspaceId: string, id: string) {
    return this.prisma.response.findFirst({ where: { id, workspaceId } });
  }

  page(filter: ResponsePageFilter, orderBy: ResponseOrder, page: number, perPage: number) {
    const { workspaceId, touchpointId, created, updated, personId } = filter;
    const where: Prisma.ResponseWhereInput = { workspaceId, touchpointId, createdAt: created, updatedAt: updated };
    if (personId) where.personId = personId;
    return this.prisma.response.findMany({ where, orderBy, skip: (page - 1) * perPage, take: perPage });
  }

  people(ids: string[]) {
    return this.prisma.person.findMany({ where: { id: { in: ids } } });
  }

  /** The cases opened on these responses, each with its notes oldest first. */
  casesWithNotes(responseIds: string[]) {
    return this.prisma.case.findMany({
      where: { responseId: { in: responseIds } },
      include: { notes: { orderBy: { createdAt: 'asc' } } },
    });
  }
}
