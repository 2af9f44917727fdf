import { Injectable } from '@nestjs/common';
import type { CaseStatus, Prisma } from '@cairn/database';
import { PrismaService, Tx } from '@cairn/database';

const WITH = { response: { include: { analysis: true } }, person: true } as const;

export interface CaseFilter {
  status?: CaseStatus;
  touchpointId?: string;
  assignee?: string;
  unassigned?: boolean;
  overdue?: boolean;
  q?: string;
}

/** Where a keyset page starts: after this case in the chosen order. */
export interface CaseCursor {
  id: string;
  dueAt: Date | null;
}

/** Cases with their notes, and the users their notices go to. */
@Injectable()
export class CaseRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Newest first (keyset on the time-ordered id), or the earliest deadline first (keyset on due_at, id; no deadline last). */
  list(workspaceId: string, filter: CaseFilter, page: { sort: 'newest' | 'due'; after?: CaseCursor }, take: number, now: Date) {
    const where: Prisma.CaseWhereInput[] = [this.where(workspaceId, filter, now)];
    if (page.after && page.sort === 'newest') where.push({ id: { lt: page.after.id } });
    if (page.after && page.sort === 'due') where.push(afterDue(page.after));
    return this.prisma.case.findMany({
      where: { AND: where },
      include: WITH,
      orderBy: page.sort === 'due' ? [{ dueAt: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }] : { id: 'desc' },
      take,
    });
  }

  /** Cases per status under the same filters: the numbers on the list's tabs. */
  async countByStatus(workspaceId: string, filter: Omit<CaseFilter, 'status'>, now: Date): Promise<Record<CaseStatus, number>> {
    const groups = await this.prisma.case.groupBy({ by: ['status'], where: this.where(workspaceId, filter, now), _count: { _all: true } });
    const counts: Record<CaseStatus, number> = { open: 0, in_progress: 0, resolved: 0 };
    for (const g of groups) counts[g.status] = g._count._all;
    return counts;
  }

  cursorRow(workspaceId: string, id: string): Promise<CaseCursor | null> {
    return this.prisma.case.findFirst({ where: { id, workspaceId }, select: { id: true, dueAt: true } });
  }

  private where(workspaceId: string, f: CaseFilter, now: Date): Prisma.CaseWhereInput {
    const and: Prisma.CaseWhereInput[] = [{ workspaceId }];
    if (f.status) and.push({ status: f.status });
    if (f.touchpointId) and.push({ touchpointId: f.touchpointId });
    if (f.assignee) and.push({ assignee: { equals: f.assignee, mode: 'insensitive' } });
    if (f.unassigned) and.push({ assignee: null });
    if (f.overdue === true) and.push({ status: { not: 'resolved' }, dueAt: { lt: now } });
    if (f.overdue === false) and.push({ OR: [{ status: 'resolved' }, { dueAt: null }, { dueAt: { gte: now } }] });
    if (f.q) {
      const text = { contains: f.q, mode: 'insensitive' as const };
      and.push({ OR: [{ response: { comment: text } }, { person: { name: text } }, { person: { email: text } }] });
    }
    return { AND: and };
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

  settings(workspaceId: string) {
    return this.prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { caseSlaHours: true, caseAutoResolve: true } });
  }

  updateSettings(workspaceId: string, data: { caseSlaHours?: number; caseAutoResolve?: boolean }) {
    return this.prisma.workspace.update({ where: { id: workspaceId }, data, select: { caseSlaHours: true, caseAutoResolve: true } });
  }

  findUser(id: string) {
    return this.prisma.user.findUnique({ where: { id } });
  }
}

/** Rows after the cursor in (due_at ASC NULLS LAST, id ASC) order. */
function afterDue(after: CaseCursor): Prisma.CaseWhereInput {
  if (after.dueAt === null) return { dueAt: null, id: { gt: after.id } };
  return { OR: [{ dueAt: { gt: after.dueAt } }, { dueAt: after.dueAt, id: { gt: after.id } }, { dueAt: null }] };
}
