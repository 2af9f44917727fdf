import { Injectable } from '@nestjs/common';
import { PrismaService } from '@cairn/database';

/**
 * Whether a workspace's sending is paused by the reputation guard (libs/deliverability): a send or reminder job
 * checks it after claiming and puts a paused one back unsent. Read every time (one primary-key look-up): a cached
 * "not paused" would let sends through after the pause, and a pause is exactly when no more should go.
 */
@Injectable()
export class WorkspacePauseRepository {
  constructor(private readonly prisma: PrismaService) {}

  async isPaused(workspaceId: string): Promise<boolean> {
    const row = await this.prisma.workspace.findUnique({ where: { id: workspaceId }, select: { sendingPausedAt: true } });
    return Boolean(row?.sendingPausedAt);
  }
}
