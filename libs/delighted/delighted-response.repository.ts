import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService, Response, Tx } from '@cairn/database';
import type { RowRef } from './delighted-ids';
import type { ResponseOrder } from './delighted-response.request';

export interface ResponseExtrasChange {
  tags?: string[];
  additionalAnswers?: unknown[];
}

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

  /** By compat id or Cairn id; responses of people deleted through Delighted's API are gone for it. */
  find(workspaceId: string, ref: RowRef) {
    if (!ref) return Promise.resolve(null);
    return this.prisma.response.findFirst({ where: { ...ref, workspaceId, compatHiddenAt: null } });
  }

  async setExtras(tx: Tx, id: string, extras: ResponseExtrasChange): Promise<void> {
    const data: Prisma.ResponseUpdateInput = {};
    if (extras.tags) data.tags = extras.tags;
    if (extras.additionalAnswers) data.additionalAnswers = extras.additionalAnswers as Prisma.InputJsonArray;
    if (Object.keys(data).length) await tx.response.update({ where: { id }, data });
  }

  /** Hides a person's responses from Delighted's listings and metrics (DELETE /people/:id), before Cairn's erasure. */
  async hideOfPerson(workspaceId: string, personId: string, at: Date): Promise<void> {
    await this.prisma.response.updateMany({
      where: { workspaceId, personId, compatHiddenAt: null },
      data: { compatHiddenAt: at, additionalAnswers: [], tags: [] },
    });
  }

  page(filter: ResponsePageFilter, orderBy: ResponseOrder, page: number, perPage: number) {
    const { workspaceId, touchpointId, created, updated, personId } = filter;
    const where: Prisma.ResponseWhereInput = { workspaceId, touchpointId, createdAt: created, updatedAt: updated, compatHiddenAt: null };
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
