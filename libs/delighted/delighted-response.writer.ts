import { Injectable, NotFoundException } from '@nestjs/common';
import type { Response } from '@cairn/database';
import { OutboxRepository, OutboxTransactionRunner } from '@cairn/outbox';
import { uuid7 } from '@cairn/common';
import type { AnswerTarget } from '@cairn/responses';
import { PastAnswerWriter, responseEvents } from '@cairn/responses';
import { RollupRepository } from '@cairn/scoring';
import { DelightedResponseRepository, ResponseExtrasChange } from './delighted-response.repository';

export interface ResponseChange extends ResponseExtrasChange {
  score?: number;
  comment?: string | null;
  personProperties?: Record<string, unknown>;
}

/**
 * Response writes the answer pages never need: back-dated answers
 * (Delighted's `created_at`, CSV imports; stored by PastAnswerWriter, shared
 * with the history import) and edits by id. Same rules as the recorder: the
 * row, its rollup counts and its outbox events in one transaction.
 */
@Injectable()
export class DelightedResponseWriter {
  constructor(
    private readonly transactions: OutboxTransactionRunner,
    private readonly responses: DelightedResponseRepository,
    private readonly rollups: RollupRepository,
    private readonly outbox: OutboxRepository,
    private readonly pastAnswers: PastAnswerWriter,
  ) {}

  /** `announce: false` for history (imports): no alerts, cases or webhooks for answers given long ago. */
  async create(
    target: AnswerTarget,
    input: { score: number; comment: string | null },
    createdAt: Date,
    opts: { externalId?: string; announce?: boolean; extras?: ResponseExtrasChange } = {},
  ): Promise<Response> {
    // Made at the answer's time, not now: back-dated answers land in their own month's partition (prisma/partitioning).
    const id = uuid7(createdAt.getTime());
    const answer = { id, target, ...input, createdAt, externalId: opts.externalId ?? null, announce: opts.announce ?? true };
    await this.transactions.run(async (tx) => {
      await this.pastAnswers.write(tx, [{ ...answer, tags: opts.extras?.tags, additionalAnswers: opts.extras?.additionalAnswers }]);
    });
    return (await this.responses.find(target.workspaceId, { id }))!;
  }

  async update(workspaceId: string, id: string, change: ResponseChange): Promise<Response> {
    const result = await this.transactions.run(async (tx) => {
      const existing = await this.responses.lock(tx, workspaceId, id);
      if (!existing) throw new NotFoundException('Not Found');
      const score = change.score ?? existing.score;
      const comment = change.comment === undefined ? existing.comment : change.comment || null;
      const personProperties = change.personProperties ?? (existing.personProperties as Record<string, unknown>);
      const extrasChanged = change.tags !== undefined || change.additionalAnswers !== undefined;
      await this.responses.setExtras(tx, id, { tags: change.tags, additionalAnswers: change.additionalAnswers });
      const same =
        !extrasChanged &&
        score === existing.score &&
        comment === existing.comment &&
        JSON.stringify(personProperties) === JSON.stringify(existing.personProperties);
      // An answer the page is still saving step by step settles with an API edit, whatever it changes.
      if (same && !existing.settling) return { row: existing, changed: false };
      const settledBefore = existing.settling ? existing.settledScore : existing.score;
      const row = await this.responses.update(tx, id, { score, comment, personProperties, settling: false, settledScore: null });
      await this.rollups.apply(tx, {
        touchpointId: existing.touchpointId,
        metric: existing.metric,
        at: existing.createdAt,
        from: existing.score,
        to: score,
      });
      await this.outbox.add(tx, responseEvents(workspaceId, id, existing.metric, score, existing.score, settledBefore));
      return { row, changed: true };
    });
    return result.row;
  }
}
