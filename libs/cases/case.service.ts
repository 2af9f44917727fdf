import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { AuthContext } from '@cairn/auth';
import { OutboxRepository, OutboxTransactionRunner } from '@cairn/outbox';
import { ListCasesQuery, UpdateCaseDto } from './case.dto';
import { toCaseDto } from './case.mapper';
import { CaseRepository } from './case.repository';

/** Closed-loop follow-up: open → in_progress → resolved (and back, if it was closed too early). */
@Injectable()
export class CaseService {
  constructor(
    private readonly transactions: OutboxTransactionRunner,
    private readonly cases: CaseRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  async list(workspaceId: string, query: ListCasesQuery) {
    const limit = query.limit ?? 50;
    const rows = await this.cases.list(workspaceId, { status: query.status, beforeId: query.cursor }, limit + 1);
    const page = rows.slice(0, limit);
    return { data: page.map((row) => toCaseDto(row)), nextCursor: rows.length > limit ? page[page.length - 1].id : null };
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
        ...(statusChanged ? { resolvedAt: status === 'resolved' ? new Date() : null } : {}),
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
