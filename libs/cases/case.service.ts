import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { AuthContext } from '@cairn/auth';
import { OutboxRepository, OutboxTransactionRunner } from '@cairn/outbox';
import { CaseFilterQuery, ListCasesQuery, UpdateCaseDto, UpdateCaseSettingsDto } from './case.dto';
import { toCaseDto } from './case.mapper';
import { CaseCursor, CaseRepository } from './case.repository';

/** Closed-loop follow-up: open → in_progress → resolved (and back, if it was closed too early). */
@Injectable()
export class CaseService {
  constructor(
    private readonly transactions: OutboxTransactionRunner,
    private readonly cases: CaseRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  async list(workspaceId: string, query: ListCasesQuery, now = new Date()) {
    const limit = query.limit ?? 50;
    const sort = query.sort ?? 'newest';
    const { cursor, limit: _limit, sort: _sort, ...filter } = query;
    // The cursor is the last case's id; the deadline order also needs that case's deadline.
    let after: CaseCursor | undefined = cursor ? { id: cursor, dueAt: null } : undefined;
    if (cursor && sort === 'due') {
      after = (await this.cases.cursorRow(workspaceId, cursor)) ?? undefined;
      if (!after) throw new BadRequestException('cursor is not a case of this list');
    }
    const rows = await this.cases.list(workspaceId, filter, { sort, after }, limit + 1, now);
    const page = rows.slice(0, limit);
    return { data: page.map((row) => toCaseDto(row, now)), nextCursor: rows.length > limit ? page[page.length - 1].id : null };
  }

  /** The list's tab numbers: cases per status, and how many unresolved ones are overdue, under the same filters. */
  async counts(workspaceId: string, filter: CaseFilterQuery, now = new Date()) {
    const [byStatus, overdue] = await Promise.all([
      this.cases.countByStatus(workspaceId, filter, now),
      filter.overdue === false ? Promise.resolve(null) : this.cases.countByStatus(workspaceId, { ...filter, overdue: true }, now),
    ]);
    return { ...byStatus, overdue: overdue ? overdue.open + overdue.in_progress : 0 };
  }

  async settings(workspaceId: string) {
    const row = await this.cases.settings(workspaceId);
    return { slaHours: row.caseSlaHours, autoResolve: row.caseAutoResolve };
  }

  /** A new SLA applies to cases opened from now on; open cases keep the deadline they were given. */
  async updateSettings(workspaceId: string, dto: UpdateCaseSettingsDto) {
    if (dto.slaHours === undefined && dto.autoResolve === undefined)
      throw new BadRequestException('Nothing to change: send slaHours or autoResolve');
    const row = await this.cases.updateSettings(workspaceId, { caseSlaHours: dto.slaHours, caseAutoResolve: dto.autoResolve });
    return { slaHours: row.caseSlaHours, autoResolve: row.caseAutoResolve };
  }

  async get(workspaceId: string, id: string) {
    const row = await this.cases.findWithNotes(workspaceId, id);
    if (!row) throw new NotFoundException('Case not found');
    return toCaseDto(row);
  }

  async update(auth: AuthContext, id: string, dto: UpdateCaseDto) {
    if (dto.status === undefined && dto.assignee === undefined && dto.note === undefined) {
      throw new BadRequestException('Nothing to change: send status, assignee or note');
    }
    await this.transactions.run(async (tx) => {
      // Row lock: two managers editing at once each see the other's change in the event.
      const current = await this.cases.lock(tx, auth.workspaceId, id);
      if (!current) throw new NotFoundException('Case not found');
      const status = dto.status ?? current.status;
      const assignee = dto.assignee === undefined ? current.assignee : dto.assignee;
      const statusChanged = status !== current.status;
      if (!statusChanged && assignee === current.assignee && dto.note === undefined) return;
      await this.cases.update(tx, id, {
        status: status as UpdateCaseDto['status'],
        assignee,
        // A person's status change settles it: an edit of the answer no longer reopens what they resolved.
        ...(statusChanged ? { resolvedAt: status === 'resolved' ? new Date() : null, autoResolved: false } : {}),
      });
      const note = dto.note === undefined ? null : await this.cases.addNote(tx, id, auth.actorName, dto.note);
      await this.outbox.add(tx, [
        {
          topic: 'case.updated',
          workspaceId: auth.workspaceId,
          data: { caseId: id, status, previousStatus: current.status, assignee, noteId: note?.id ?? null, by: auth.actorName },
        },
      ]);
    });
    return this.get(auth.workspaceId, id);
  }
}
