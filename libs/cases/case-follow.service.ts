import { Injectable } from '@nestjs/common';
import { DomainEvent, OnDomainEvent, OutboxRepository, OutboxTransactionRunner } from '@cairn/outbox';
import { decideFollow, followNote } from './case-follow.policy';
import { CaseFollowRepository } from './case-follow.repository';
import { CaseRepository } from './case.repository';

/** Who signs what Cairn itself writes on a case. */
export const SYSTEM_AUTHOR = 'Cairn';

/**
 * A case follows its answer: when the customer edits the score out of the
 * alert's range (or back into it) the case gets a note, and may resolve (or
 * reopen). Cases are opened elsewhere (CaseOpenerService); this reacts to
 * edits of answers that have one and to a case's opening, and is idempotent
 * per state: a repeated or out-of-order event finds the crossing noted.
 */
@Injectable()
export class CaseFollowService {
  constructor(
    private readonly transactions: OutboxTransactionRunner,
    private readonly follow: CaseFollowRepository,
    private readonly cases: CaseRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  @OnDomainEvent('response.updated', 'response.settled')
  async onAnswerEdited(event: DomainEvent<'response.updated' | 'response.settled'>): Promise<void> {
    const caseId = await this.follow.caseIdOfResponse(event.data.responseId);
    if (caseId) await this.followAnswer(caseId);
  }

  /**
   * The alert may have read the answer just before an edit whose event found
   * no case yet: the opened case compares its alert's score with the answer
   * as it is now, so that edit is not lost.
   */
  @OnDomainEvent('case.opened')
  async onCaseOpened(event: DomainEvent<'case.opened'>): Promise<void> {
    await this.followAnswer(event.data.caseId);
  }

  /**
   * True when the case took note of a change. Decided first on a plain read: almost every call (each opened case)
   * finds nothing crossed and ends there, without a transaction. Only a crossing takes the case's lock and decides
   * again on what it reads under it, so two edits of one answer still decide one after another.
   */
  async followAnswer(caseId: string): Promise<boolean> {
    const seen = await this.follow.peek(caseId);
    if (!seen || !decideFollow({ ...seen, seenScore: seen.lastScore ?? seen.alertScore })) return false;
    return this.transactions.run(async (tx) => {
      const s = await this.follow.lock(tx, caseId);
      if (!s) return false;
      const seenScore = s.lastScore ?? s.alertScore;
      const decision = decideFollow({ ...s, seenScore, threshold: s.threshold });
      if (!decision) return false;
      const statusChanged = decision.status !== s.status;
      await this.cases.update(tx, caseId, {
        lastScore: s.score,
        status: decision.status,
        autoResolved: decision.autoResolved,
        ...(statusChanged ? { resolvedAt: decision.status === 'resolved' ? new Date() : null } : {}),
      });
      const note = await this.cases.addNote(
        tx,
        caseId,
        SYSTEM_AUTHOR,
        followNote(seenScore, s.score, s.answeredAt, s.metric, decision, s.status),
      );
      await this.outbox.add(tx, [
        {
          topic: 'case.updated',
          workspaceId: s.workspaceId,
          data: { caseId, status: decision.status, previousStatus: s.status, assignee: s.assignee, noteId: note.id, by: SYSTEM_AUTHOR },
        },
      ]);
      return true;
    });
  }
}
