import { Injectable } from '@nestjs/common';
import type { AlertRule, Prisma } from '@cairn/database';
import { PrismaService, Tx } from '@cairn/database';

/** Alert rules of a workspace, and what score_drop rules read and lock while they are evaluated. */
@Injectable()
export class AlertRuleRepository {
  constructor(private readonly prisma: PrismaService) {}

  list(workspaceId: string) {
    return this.prisma.alertRule.findMany({ where: { workspaceId }, orderBy: { createdAt: 'asc' } });
  }

  find(workspaceId: string, id: string) {
    return this.prisma.alertRule.findFirst({ where: { id, workspaceId } });
  }

  enabledScoreDrops() {
    return this.prisma.alertRule.findMany({ where: { kind: 'score_drop', enabled: true } });
  }

  create(data: Prisma.AlertRuleUncheckedCreateInput) {
    return this.prisma.alertRule.create({ data });
  }

  update(id: string, data: Prisma.AlertRuleUncheckedUpdateInput) {
    return this.prisma.alertRule.update({ where: { id }, data });
  }

  async delete(id: string): Promise<void> {
    await this.prisma.alertRule.delete({ where: { id } });
  }

  /** How many of these ids are touchpoints of the workspace. */
  countTouchpoints(workspaceId: string, ids: string[]): Promise<number> {
    return this.prisma.touchpoint.count({ where: { workspaceId, id: { in: ids } } });
  }

  async stageExists(workspaceId: string, id: string): Promise<boolean> {
    return (await this.prisma.stage.findFirst({ where: { id, workspaceId } })) !== null;
  }

  /**
   * Serialises evaluations of one rule until the transaction ends (advisory
   * lock), then reads the rule inside the lock.
   */
  async lockForEvaluation(tx: Tx, ruleId: string): Promise<AlertRule | null> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`score-drop:${ruleId}`}, 0))`;
    return tx.alertRule.findUnique({ where: { id: ruleId } });
  }

  async setTriggered(tx: Tx, id: string, triggered: boolean): Promise<void> {
    await tx.alertRule.update({ where: { id }, data: { triggered } });
  }

  /** Answers per score of the rule's metric at its touchpoint or stage since `since`. */
  async windowCounts(tx: Tx, rule: AlertRule, since: Date): Promise<Record<number, number>> {
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
