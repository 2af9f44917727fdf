import { Injectable } from '@nestjs/common';
import type { Prisma } from '@cairn/database';
import { PrismaService } from '@cairn/database';

@Injectable()
export class UserRepository {
  constructor(private readonly prisma: PrismaService) {}

  list(workspaceId: string) {
    return this.prisma.user.findMany({ where: { workspaceId }, orderBy: { createdAt: 'asc' } });
  }

  find(workspaceId: string, id: string) {
    return this.prisma.user.findFirst({ where: { workspaceId, id } });
  }

  /** Enabled users with this email in any workspace (an email is unique per workspace only). */
  findActiveByEmail(email: string) {
    return this.prisma.user.findMany({ where: { email, disabledAt: null }, orderBy: { createdAt: 'asc' }, take: 5 });
  }

  countForWorkspace(workspaceId: string) {
    return this.prisma.user.count({ where: { workspaceId } });
  }

  countActiveAdmins(workspaceId: string) {
    return this.prisma.user.count({ where: { workspaceId, role: 'admin', disabledAt: null } });
  }

  create(data: Prisma.UserUncheckedCreateInput) {
    return this.prisma.user.create({ data });
  }

  /** Disabling or re-keying a user also ends their sessions, in the same transaction. */
  update(id: string, data: Prisma.UserUncheckedUpdateInput, endSessions: boolean) {
    return this.prisma.$transaction(async (tx) => {
      const user = await tx.user.update({ where: { id }, data });
      if (endSessions) await tx.userSession.deleteMany({ where: { userId: id } });
      return user;
    });
  }

  delete(id: string) {
    return this.prisma.user.delete({ where: { id } });
  }
}
