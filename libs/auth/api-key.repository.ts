import { Injectable } from '@nestjs/common';
import { PrismaService } from '@cairn/database';
import type { UserRole } from '@cairn/database';

@Injectable()
export class ApiKeyRepository {
  constructor(private readonly prisma: PrismaService) {}

  findActiveByHash(keyHash: string) {
    return this.prisma.apiKey.findFirst({ where: { keyHash, revokedAt: null } });
  }

  create(data: { workspaceId: string; name: string; prefix: string; keyHash: string; role: UserRole }) {
    return this.prisma.apiKey.create({ data });
  }

  countForWorkspace(workspaceId: string) {
    return this.prisma.apiKey.count({ where: { workspaceId } });
  }

  list(workspaceId: string) {
    return this.prisma.apiKey.findMany({ where: { workspaceId, revokedAt: null }, orderBy: { createdAt: 'asc' } });
  }

  revoke(workspaceId: string, id: string) {
    return this.prisma.apiKey.updateMany({ where: { workspaceId, id, revokedAt: null }, data: { revokedAt: new Date() } });
  }

  /** At most once a minute per key, so authentication stays a single read. */
  touch(id: string) {
    const minuteAgo = new Date(Date.now() - 60_000);
    return this.prisma.apiKey.updateMany({
      where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: minuteAgo } }] },
      data: { lastUsedAt: new Date() },
    });
  }
}
