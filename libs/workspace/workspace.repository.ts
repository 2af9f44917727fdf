import { Injectable } from '@nestjs/common';
import { randomToken } from '@cairn/common';
import { PrismaService } from '@cairn/database';

// ensure() runs at boot: on a loaded machine a first pool connection can take longer than Prisma's 2 s default to open.
const BOOT_TRANSACTION = { maxWait: 15_000, timeout: 15_000 };

export const DEFAULT_RULE_THRESHOLDS = { nps: 6, csat: 2, ces: 3 } as const;

@Injectable()
export class WorkspaceRepository {
  constructor(private readonly prisma: PrismaService) {}

  findBySlug(slug: string) {
    return this.prisma.workspace.findUnique({ where: { slug } });
  }

  findById(id: string) {
    return this.prisma.workspace.findUnique({ where: { id } });
  }

  findByPublishableKey(publishableKey: string) {
    return this.prisma.workspace.findUnique({ where: { publishableKey } });
  }

  /** Creates the workspace with its default detractor rule, or returns the existing one. */
  async ensure(slug: string, name: string) {
    return this.prisma.$transaction(async (tx) => {
      const workspace = await tx.workspace.upsert({
        where: { slug },
        update: {},
        create: { slug, name, publishableKey: `pk_${randomToken(18)}` },
      });
      const rules = await tx.alertRule.count({ where: { workspaceId: workspace.id, isDefault: true } });
      if (!rules) {
        await tx.alertRule.create({
          data: {
            workspaceId: workspace.id,
            name: 'Detractors',
            kind: 'response',
            thresholds: DEFAULT_RULE_THRESHOLDS,
            isDefault: true,
          },
        });
      }
      return workspace;
    }, BOOT_TRANSACTION);
  }

  update(id: string, data: Parameters<PrismaService['workspace']['update']>[0]['data']) {
    return this.prisma.workspace.update({ where: { id }, data });
  }
}
