import { Injectable } from '@nestjs/common';
import type { Prisma } from '@cairn/database';
import { PrismaService, Tx } from '@cairn/database';

/** Alerts raised by rules. */
@Injectable()
export class AlertRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The rule's latest 200 alerts, newest first. */
  latestForRule(ruleId: string) {
    return this.prisma.alert.findMany({ where: { ruleId }, orderBy: { createdAt: 'desc' }, take: 200 });
  }

  create(tx: Tx, data: Prisma.AlertUncheckedCreateInput) {
    return tx.alert.create({ data });
  }
}
