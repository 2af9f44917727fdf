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

  /**
   * Inserts the alert unless this rule already alerted on this response (unique
   * per rule and response): the id when it is new, null when it existed.
   */
  async createOnce(tx: Tx, data: Prisma.AlertCreateManyInput): Promise<string | null> {
    const [alert] = await tx.alert.createManyAndReturn({ data: [data], skipDuplicates: true, select: { id: true } });
    return alert?.id ?? null;
  }

  create(tx: Tx, data: Prisma.AlertUncheckedCreateInput) {
    return tx.alert.create({ data });
  }
}
