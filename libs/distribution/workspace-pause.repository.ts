import { Injectable } from '@nestjs/common';
import { Clock } from '@cairn/common';
import { PrismaService } from '@cairn/database';

const TTL_MS = 1_000;

/**
 * Whether a workspace's sending is paused by the reputation guard (libs/deliverability), read at most once a
 * second per workspace and process: a send job checks it after claiming, a paused one is released unsent.
 */
@Injectable()
export class WorkspacePauseRepository {
  private readonly seen = new Map<string, { paused: boolean; at: number }>();

  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
  ) {}

  async isPaused(workspaceId: string): Promise<boolean> {
    const now = this.clock.now().getTime();
    const cached = this.seen.get(workspaceId);
    if (cached && now - cached.at < TTL_MS) return cached.paused;
    const row = await this.prisma.workspace.findUnique({ where: { id: workspaceId }, select: { sendingPausedAt: true } });
    const paused = Boolean(row?.sendingPausedAt);
    this.seen.set(workspaceId, { paused, at: now });
    return paused;
  }
}
