import { Injectable } from '@nestjs/common';
import { Tx } from '@cairn/database';
import { OutboxRepository } from '@cairn/outbox';
import { RollupRepository } from '@cairn/scoring';
import { PastAnswer, PastAnswerRepository } from './past-answer.repository';
import { responseEvents } from './response-events';

/** A past answer and whether it is announced (alerts, cases, webhooks) like a live one. */
export interface PastAnswerWrite extends PastAnswer {
  announce: boolean;
}

/**
 * The one way back-dated answers are stored (the history import, Delighted's
 * CSV import and its `created_at`): the rows, their rollup counts and the
 * outbox events of those announced, all in the caller's transaction, so an
 * import is stored whole or not at all. Rollups count them per hour, not
 * per answer; everything that reads responses sees them like live ones.
 */
@Injectable()
export class PastAnswerWriter {
  constructor(
    private readonly answers: PastAnswerRepository,
    private readonly rollups: RollupRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  /** Run inside an OutboxTransactionRunner transaction, so announced answers are relayed at once after the commit. */
  async write(tx: Tx, answers: PastAnswerWrite[]): Promise<void> {
    await this.answers.insertMany(tx, answers);
    await this.rollups.applyNew(
      tx,
      answers.map((answer) => answer.id),
    );
    const events = answers
      .filter((answer) => answer.announce)
      .flatMap((answer) => responseEvents(answer.target.workspaceId, answer.id, answer.target.metric, answer.score, null));
    await this.outbox.add(tx, events);
  }

  findByExternalIds(tx: Tx, workspaceId: string, externalIds: string[]): Promise<Map<string, string>> {
    return this.answers.findByExternalIds(tx, workspaceId, externalIds);
  }
}
