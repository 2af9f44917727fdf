import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@cairn/common';
import type { AlertRule } from '@cairn/database';
import { JobName, OnJob } from '@cairn/jobs';
import { OutboxRepository, OutboxTransactionRunner } from '@cairn/outbox';
import { AlertRuleRepository } from './alert-rule.repository';
import { AlertRepository } from './alert.repository';
import { judgeWindow, windowScore, windowStart } from './score-window';

/**
 * score_drop rules: a touchpoint's or stage's score over a rolling window.
 * Evaluated after each response there and on a timer (answers also leave the
 * window as time passes). alert_rules.triggered records which side of the
 * threshold the rule is on, so each crossing alerts exactly once.
 */
@Injectable()
export class ScoreDropService {
  private readonly logger = new Logger(ScoreDropService.name);

  constructor(
    private readonly transactions: OutboxTransactionRunner,
    private readonly rules: AlertRuleRepository,
    private readonly alerts: AlertRepository,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
  ) {}

  @OnJob(JobName.EvaluateScoreDrops)
  async evaluateAll(): Promise<number> {
    const rules = await this.rules.enabledScoreDrops();
    let fired = 0;
    for (const rule of rules) {
      fired += (await this.evaluate(rule.id).catch((error: Error) => {
        this.logger.warn(`score_drop rule ${rule.id}: ${error.message}`);
        return false;
      }))
        ? 1
        : 0;
    }
    return fired;
  }

  /** Re-evaluates those of the workspace's `rules` that watch the response's touchpoint or stage. */
  async evaluateFor(
    response: { touchpointId: string | null; stageId: string | null; metric: AlertRule['metric'] },
    rules: AlertRule[],
  ): Promise<void> {
    // A relationship answer (no touchpoint) is in no touchpoint's or stage's score: no drop rule watches it.
    if (response.touchpointId === null) return;
    const watching = rules.filter(
      (rule) =>
        rule.kind === 'score_drop' &&
        rule.enabled &&
        rule.metric === response.metric &&
        (rule.touchpointId === response.touchpointId || rule.stageId === response.stageId),
    );
    for (const rule of watching) await this.evaluate(rule.id);
  }

  /**
   * Serialised per rule (advisory lock) and counted inside the lock, so the
   * last evaluation always sees every committed answer: two concurrent ones
   * cannot flip the rule out of order. True when it fired.
   */
  async evaluate(ruleId: string): Promise<boolean> {
    const fired = await this.transactions.run(async (tx) => {
      const rule = await this.rules.lockForEvaluation(tx, ruleId);
      if (!rule || !rule.enabled || rule.kind !== 'score_drop' || !rule.metric) return false;
      const now = this.clock.now();
      const since = windowStart(rule, now);
      const window = windowScore(rule.metric, await this.rules.windowCounts(tx, rule, since));
      const verdict = judgeWindow(rule, window);
      if (verdict === 'unchanged') return false;
      await this.rules.setTriggered(tx, rule.id, verdict === 'crossed');
      if (verdict === 'recovered') return false;
      const alert = await this.alerts.create(tx, {
        workspaceId: rule.workspaceId,
        ruleId: rule.id,
        kind: 'score_drop',
        value: window.score,
        details: {
          n: window.n,
          below: rule.below,
          windowDays: rule.windowDays,
          since: since.toISOString(),
          touchpointId: rule.touchpointId,
          stageId: rule.stageId,
        },
      });
      await this.outbox.add(tx, [
        {
          topic: 'alert.triggered',
          workspaceId: rule.workspaceId,
          data: { alertId: alert.id, ruleId: rule.id, kind: 'score_drop', responseId: null },
        },
      ]);
      return true;
    });
    return fired;
  }
}
