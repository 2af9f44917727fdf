import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@cairn/common';
import type { AlertRule } from '@cairn/database';
import { PrismaService, Tx } from '@cairn/database';
import { JobName } from '@cairn/jobs';
import { OnJob } from '@cairn/jobs';
import { OutboxRelayService } from '@cairn/outbox';
import { OutboxRepository } from '@cairn/outbox';
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
    private readonly prisma: PrismaService,
    private readonly outbox: OutboxRepository,
    private readonly relay: OutboxRelayService,
    private readonly clock: Clock,
  ) {}

  @OnJob(JobName.EvaluateScoreDrops)
  async evaluateAll(): Promise<number> {
    const rules = await this.prisma.alertRule.findMany({ where: { kind: 'score_drop', enabled: true } });
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
  async evaluateFor(response: { touchpointId: string; stageId: string; metric: AlertRule['metric'] }, rules: AlertRule[]): Promise<void> {
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
    const fired = await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`score-drop:${ruleId}`}, 0))`;
      const rule = await tx.alertRule.findUnique({ where: { id: ruleId } });
      if (!rule || !rule.enabled || rule.kind !== 'score_drop' || !rule.metric) return false;
      const now = this.clock.now();
      const since = windowStart(rule, now);
      const window = windowScore(rule.metric, await this.counts(tx, rule, since));
      const verdict = judgeWindow(rule, window);
      if (verdict === 'unchanged') return false;
      await tx.alertRule.update({ where: { id: rule.id }, data: { triggered: verdict === 'crossed' } });
      if (verdict === 'recovered') return false;
      const alert = await tx.alert.create({
        data: {
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
        },
      });
      await this.outbox.add(tx, [
        { topic: 'alert.triggered', workspaceId: rule.workspaceId, data: { alertId: alert.id, ruleId: rule.id, kind: 'score_drop' } },
      ]);
      return true;
    });
    if (fired) this.relay.flushSoon();
    return fired;
  }

  private async counts(tx: Tx, rule: AlertRule, since: Date): Promise<Record<number, number>> {
    const groups = await tx.response.groupBy({
      by: ['score'],
      where: {
        metric: rule.metric!,
        createdAt: { gte: since },
        ...(rule.touchpointId ? { touchpointId: rule.touchpointId } : { stageId: rule.stageId! }),
      },
      _count: { _all: true },
    });
    return Object.fromEntries(groups.map((g) => [g.score, g._count._all]));
  }
}
