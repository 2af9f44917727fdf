import { Injectable } from '@nestjs/common';
import { Tx } from '@cairn/database';
import { JobIds, JobName } from '@cairn/jobs';
import { OutboxMessage, OutboxRepository } from '@cairn/outbox';
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
    // Announced answers are analysed through their response.created; history has no event, so its comments are
    // read by one analysis job per workspace, committed with the rows.
    const unannounced = answers.filter((answer) => !answer.announce && answer.comment?.trim());
    const workspaces = [...new Set(unannounced.map((answer) => answer.target.workspaceId))];
    await this.outbox.add(tx, [...events, ...workspaces.map(analyseCommentsMessage)]);
  }

  findByExternalIds(tx: Tx, workspaceId: string, externalIds: string[]): Promise<Map<string, string>> {
    return this.answers.findByExternalIds(tx, workspaceId, externalIds);
  }
}

/** The job that analyses a workspace's comments not yet read with its current themes (history, a theme change). */
export function analyseCommentsMessage(workspaceId: string): OutboxMessage {
  return {
    topic: 'job',
    workspaceId,
    job: { name: JobName.AnalyseComments, data: { workspaceId } },
    jobId: JobIds.analyseComments(workspaceId),
  };
}
