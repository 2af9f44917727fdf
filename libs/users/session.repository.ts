import { Injectable } from '@nestjs/common';
import { PrismaService } from '@cairn/database';

@Injectable()
export class SessionRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(userId: string, tokenHash: string, expiresAt: Date) {
    return this.prisma.userSession.create({ data: { userId, tokenHash, expiresAt } });
  }

  /** The live session with its (enabled) user, or null. */
  findValid(tokenHash: string, now: Date) {
    return this.prisma.userSession.findFirst({
      where: { tokenHash, expiresAt: { gt: now }, user: { disabledAt: null } },
      include: { user: true },
    });
  }

  deleteByHash(tokenHash: string) {
    return this.prisma.userSession.deleteMany({ where: { tokenHash } });
  }

  /** Expired rows are dead weight; pruned on login so the table stays small without a job. */
  deleteExpired(userId: string, now: Date) {
    return this.prisma.userSession.deleteMany({ where: { userId, expiresAt: { lte: now } } });
  }
}
