import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@cairn/common';
import { TransactionRunner, type Tx } from '@cairn/database';
import { JobName, OnJob } from '@cairn/jobs';
import { Identifiers } from './redact';
import { AnonymisedBatch, RetentionCursor, RetentionRange, RetentionRepository } from './retention.repository';
import { WebhookCopiesRepository } from './webhook-copies.repository';

// A batch is one statement that anonymises its answers (libs/privacy/retention.repository.ts), then the copies of the
// few that have any (case, notes, webhook bodies) are rewritten in the same transaction. 1,000 answers keep a
// transaction well under a second.
const BATCH = 1000;
// Batches in flight at once per workspace: Postgres rewrites the rows and their index entries on one core per batch,
// so two keep both of this machine's cores busy (bench:retention: three gained nothing).
const LANES = 2;

/** The moment `months` calendar months before `now` (UTC). */
export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}

/**
 * Workspace retention (workspace.retentionMonths): older responses lose their
 * comment and every link to the person (person and invitation), and so do
 * their copies: the case opened on them (person link, notes quoting them),
 * alert details, and the webhook bodies stored for them with what receivers
 * answered. Scores, touchpoint and the properties snapshot (less the person's
 * own identifiers) stay, so history and segments keep counting. Runs hourly;
 * batches keep each transaction short. Each run walks only the answers past
 * the workspace's mark (before it all are anonymised) and moves the mark up,
 * so an hourly run costs what has newly expired, not the years before it.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly repo: RetentionRepository,
    private readonly webhooks: WebhookCopiesRepository,
    private readonly clock: Clock,
  ) {}

  @OnJob(JobName.ApplyRetention)
  async apply(): Promise<number> {
    const now = this.clock.now();
    const workspaces = await this.repo.workspaces();
    let total = 0;
    for (const workspace of workspaces) {
      const range = { cutoff: retentionCutoff(now, workspace.retentionMonths), checkedUntil: workspace.checkedUntil };
      total += await this.applyTo(workspace.id, range, now);
      await this.repo.advance(workspace.id, range);
    }
    if (total) this.logger.log(`retention anonymised ${total} responses`);
    return total;
  }

  /** The workspace's expired answers, walked by LANES transactions at once; how many each anonymised, summed. */
  private async applyTo(workspaceId: string, range: RetentionRange, now: Date): Promise<number> {
    const lanes = await Promise.allSettled(Array.from({ length: LANES }, () => this.lane(workspaceId, range, now)));
    const failed = lanes.find((lane): lane is PromiseRejectedResult => lane.status === 'rejected');
    if (failed) throw failed.reason;
    return lanes.reduce((sum, lane) => sum + (lane as PromiseFulfilledResult<number>).value, 0);
  }

  /**
   * Batch after batch from its own last answer, each taking the next expired answers no other transaction holds:
   * lanes side by side take turns over the walk without telling each other. A lane ends at a short batch: every
   * linked answer past it was taken by this lane or is held by another (a lane, which takes it, or an edit, which
   * the mark waits for).
   */
  private async lane(workspaceId: string, range: RetentionRange, now: Date): Promise<number> {
    let total = 0;
    let after: RetentionCursor | null = null;
    for (;;) {
      const from: RetentionCursor | null = after;
      const batch: AnonymisedBatch = await this.transactions.run((tx) => this.batch(tx, workspaceId, range, now, from), {
        timeout: 60_000,
      });
      total += batch.count;
      if (batch.count < BATCH || !batch.createdAt || !batch.id) return total;
      after = { createdAt: batch.createdAt, id: batch.id };
    }
  }

  /**
   * One batch: its answers anonymised in one statement, then the copies of
   * those that have any (case, notes, alerts, webhook bodies), each redacted
   * with its own person's identifiers and what that person's answers in the
   * batch wrote.
   */
  private async batch(
    tx: Tx,
    workspaceId: string,
    range: RetentionRange,
    now: Date,
    after: RetentionCursor | null,
  ): Promise<AnonymisedBatch> {
    const batch = await this.repo.anonymiseNext(tx, workspaceId, range, BATCH, after, now);
    if (batch.copies.length) {
      // Anonymous answers have no person to look for, only what they wrote.
      const idsOf = new Map<string, Identifiers>(
        batch.copies.map((answer) => [
          answer.id,
          { personId: answer.personId ?? '', matchPersonId: answer.personId !== null, values: answer.values },
        ]),
      );
      await this.repo.casesAndAlerts(tx, idsOf);
      await this.webhooks.redactAnswers(tx, workspaceId, idsOf);
    }
    return batch;
  }
}
