import { Injectable } from '@nestjs/common';
import { JobData, JobName, OnJob } from '@cairn/jobs';
import { OutboxRepository, OutboxTransactionRunner } from '@cairn/outbox';
import { AnswerSettleRepository } from './answer-settle.repository';
import { settledEvents } from './response-events';
import { ResponseRepository } from './response.repository';

/**
 * Settles an answer the page saved step by step (3 → 4 → … → 9 with the arrow
 * keys) once the steps quiet down: alerts, its case and the side webhooks then
 * act on the score it came to rest on, never on the steps on the way. Every
 * step schedules this job; only the last step's finds the answer unchanged.
 */
@Injectable()
export class AnswerSettleService {
  constructor(
    private readonly transactions: OutboxTransactionRunner,
    private readonly settling: AnswerSettleRepository,
    private readonly responses: ResponseRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  /** True when this run settled the answer; false when a later save, a Send or an earlier run already took over. */
  @OnJob(JobName.SettleAnswer)
  async settle({ responseId, savedAt }: JobData<JobName.SettleAnswer>): Promise<boolean> {
    const at = new Date(savedAt);
    return this.transactions.run(async (tx) => {
      const answer = await this.settling.lockUnchangedSince(tx, responseId, at);
      if (!answer) return false;
      // updatedAt stays the last save's instant: settling is not an edit (the case's note says when the answer changed).
      await this.responses.update(tx, responseId, { settling: false, settledScore: null, updatedAt: at });
      await this.outbox.add(tx, settledEvents(answer.workspaceId, responseId, answer.metric, answer.score, answer.settledScore));
      return true;
    });
  }
}
