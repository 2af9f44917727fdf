import { Injectable } from '@nestjs/common';
import { builtInThemeSeeds } from '@cairn/comments';
import { randomToken } from '@cairn/common';
import { PrismaService, Tx } from '@cairn/database';

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

  /**
   * Creates the workspace with its default detractor rule and the built-in themes, or returns the existing one. Every
   * workspace is made here (bootstrap, demo, import, tests), so none is read without its themes.
   */
  async ensure(slug: string, name: string) {
    return this.prisma.$transaction(async (tx) => {
      // Several processes start at once (WEB_CONCURRENCY, N API instances): one makes the workspace, its rule and
      // themes, the others wait here and then find it. Without the lock both upserts inserted and one failed its boot.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`workspace:${slug}`}, 0))`;
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
      await seedBuiltInThemes(tx, workspace.id);
      return workspace;
    }, BOOT_TRANSACTION);
  }

  /**
   * Runs `work` while no other process runs work under the same name: the lock is a transaction's, held on one pool
   * connection until `work` ends, while `work` itself uses any connections. For boot-time steps that check, then
   * create (the first admin key).
   */
  async exclusively<T>(name: string, work: () => Promise<T>): Promise<T> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`exclusive:${name}`}, 0))`;
      return work();
    }, BOOT_TRANSACTION);
  }

  update(id: string, data: Parameters<PrismaService['workspace']['update']>[0]['data']) {
    return this.prisma.workspace.update({ where: { id }, data });
  }
}

/**
 * The built-in themes, once per workspace: themes_seeded is claimed in the same statement, so a built-in a manager
 * deleted is not brought back by the next ensure() (every boot ensures `default`). Workspaces made before this
 * existed got theirs from the migration 20261202140000_seed_built_in_themes.
 */
async function seedBuiltInThemes(tx: Tx, workspaceId: string): Promise<void> {
  await tx.$executeRaw`
    WITH claimed AS (
      UPDATE workspaces SET themes_seeded = true WHERE id = ${workspaceId} AND NOT themes_seeded RETURNING id)
    INSERT INTO themes (id, workspace_id, key, name, keywords, built_in)
    SELECT gen_random_uuid()::text, claimed.id, seed.key, seed.name, seed.keywords, true
    FROM claimed, jsonb_to_recordset(${JSON.stringify(builtInThemeSeeds())}::jsonb) AS seed(key text, name jsonb, keywords jsonb)
    ON CONFLICT (workspace_id, key) DO NOTHING`;
}
