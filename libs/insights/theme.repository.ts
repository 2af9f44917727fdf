import { Injectable } from '@nestjs/common';
import type { Prisma, Theme } from '@cairn/database';
import { PrismaService, Tx } from '@cairn/database';

export interface ThemeWrite {
  name: Record<string, string>;
  keywords: Record<string, string[]>;
}

/** A workspace's themes. Every change bumps the workspace's themes version in the same transaction. */
@Injectable()
export class ThemeRepository {
  constructor(private readonly prisma: PrismaService) {}

  list(workspaceId: string): Promise<Theme[]> {
    return this.prisma.theme.findMany({ where: { workspaceId }, orderBy: [{ builtIn: 'desc' }, { createdAt: 'asc' }, { key: 'asc' }] });
  }

  find(workspaceId: string, key: string): Promise<Theme | null> {
    return this.prisma.theme.findUnique({ where: { workspaceId_key: { workspaceId, key } } });
  }

  /** The themes and the version analyses made with them carry, read together. */
  async withVersion(workspaceId: string): Promise<{ version: number; themes: Theme[] }> {
    const [workspace, themes] = await this.prisma.$transaction([
      this.prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { themesVersion: true } }),
      this.prisma.theme.findMany({ where: { workspaceId } }),
    ]);
    return { version: workspace.themesVersion, themes };
  }

  async version(workspaceId: string): Promise<number> {
    const workspace = await this.prisma.workspace.findUnique({ where: { id: workspaceId }, select: { themesVersion: true } });
    return workspace?.themesVersion ?? 0;
  }

  create(tx: Tx, workspaceId: string, key: string, data: ThemeWrite): Promise<Theme> {
    return tx.theme.create({ data: { workspaceId, key, name: data.name, keywords: data.keywords } });
  }

  update(tx: Tx, id: string, data: Partial<ThemeWrite>): Promise<Theme> {
    const change: Prisma.ThemeUpdateInput = {};
    if (data.name) change.name = data.name;
    if (data.keywords) change.keywords = data.keywords;
    return tx.theme.update({ where: { id }, data: change });
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.theme.delete({ where: { id } });
  }

  /** The new version: analyses made before it are stale. */
  async bumpVersion(tx: Tx, workspaceId: string): Promise<number> {
    const workspace = await tx.workspace.update({
      where: { id: workspaceId },
      data: { themesVersion: { increment: 1 } },
      select: { themesVersion: true },
    });
    return workspace.themesVersion;
  }
}
