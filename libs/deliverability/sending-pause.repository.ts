import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '@cairn/database';

/** The workspace's sending pause, and who is told about it. */
@Injectable()
export class SendingPauseRepository {
  constructor(private readonly prisma: PrismaService) {}

  state(workspaceId: string) {
    return this.prisma.workspace.findUnique({
      where: { id: workspaceId },
      select: { sendingPausedAt: true, sendingPausedReason: true, sendingResumedAt: true },
    });
  }

  /** True when this call paused it (it was not paused already). */
  async pause(tx: Tx, workspaceId: string, reason: string, at: Date): Promise<boolean> {
    const paused = await tx.workspace.updateMany({
      where: { id: workspaceId, sendingPausedAt: null },
      data: { sendingPausedAt: at, sendingPausedReason: reason },
    });
    return paused.count === 1;
  }

  /** True when this call resumed it; `at` is kept, as the guard judges only what came after. */
  async resume(tx: Tx, workspaceId: string, at: Date): Promise<boolean> {
    const resumed = await tx.workspace.updateMany({
      where: { id: workspaceId, sendingPausedAt: { not: null } },
      data: { sendingPausedAt: null, sendingPausedReason: null, sendingResumedAt: at },
    });
    return resumed.count === 1;
  }

  adminIds(tx: Tx, workspaceId: string) {
    return tx.user.findMany({ where: { workspaceId, role: 'admin', disabledAt: null }, select: { id: true } });
  }

  recipient(userId: string) {
    return this.prisma.user.findUnique({ where: { id: userId } });
  }
}
