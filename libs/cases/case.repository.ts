import { Injectable } from '@nestjs/common';
import type { CaseStatus, Prisma } from '@cairn/database';
import { PrismaService, Tx } from '@cairn/database';

const WITH = { response: true, person: true } as const;

/** Cases with their notes, and the users their notices go to. */
@Injectable()
export class CaseRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Newest first, keyset-paginated on the time-ordered id. */
  list(workspaceId: string, filter: { status?: CaseStatus; beforeId?: string }, take: number) {
    return this.prisma.case.findMany({
      where: {
        workspaceId,
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.beforeId ? { id: { lt: filter.beforeId } } : {}),
      },
      include: WITH,
      orderBy: { id: 'desc' },
      take,
    });
  }

  findWithNotes(workspaceId: string, id: string) {
    return this.prisma.case.findFirst({ where: { id, workspaceId }, include: { ...WITH, notes: { orderBy: { createdAt: 'asc' } } } });
  }

  findById(id: string) {
    return this.prisma.case.findUnique({ where: { id } });
  }

  /** Row lock: two managers editing at once each see the other's change. */
  async lock(tx: Tx, workspaceId: string, id: string): Promise<{ status: string; assignee: string | null } | null> {
    const [current] = await tx.$queryRaw<Array<{ status: string; assignee: string | null }>>`
      SELECT status::text, assignee FROM cases WHERE id = ${id} AND workspace_id = ${workspaceId} FOR UPDATE`;
    return current ?? null;
  }

  async update(tx: Tx, id: string, data: Prisma.CaseUncheckedUpdateInput): Promise<void> {
    await tx.case.update({ where: { id }, data });
  }

  addNote(tx: Tx, caseId: string, author: string, body: string) {
    return tx.caseNote.create({ data: { caseId, author, body } });
  }

  /** Inserts the response's case unless it has one (cases.response_id is unique): the new id, or null. */
  async openOnce(tx: Tx, data: Prisma.CaseCreateManyInput): Promise<string | null> {
    const [created] = await tx.case.createManyAndReturn({ data: [data], skipDuplicates: true, select: { id: true } });
    return created?.id ?? null;
  }

  /** The workspace's case SLA, read inside the opening transaction. */
  async slaHours(tx: Tx, workspaceId: string): Promise<number> {
    const workspace = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { caseSlaHours: true } });
    return workspace.caseSlaHours;
  }

  /** The admins and managers who want an email per new case. */
  recipients(tx: Tx, workspaceId: string) {
    return tx.user.findMany({
      where: { workspaceId, role: { in: ['admin', 'manager'] }, notifyOnCase: true, disabledAt: null },
      select: { id: true },
    });
  }

  findUser(id: string) {
    return this.prisma.user.findUnique({ where: { id } });
  }
}
