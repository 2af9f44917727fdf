import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '@cairn/database';

/** The workspace admins told by email that an endpoint was switched off. */
@Injectable()
export class WebhookNoticeRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Read in the transaction that disables the endpoint, so the email jobs commit with it. */
  adminIds(tx: Tx, workspaceId: string) {
    return tx.user.findMany({ where: { workspaceId, role: 'admin', disabledAt: null }, select: { id: true } });
  }

  recipient(userId: string) {
    return this.prisma.user.findUnique({ where: { id: userId } });
  }
}
