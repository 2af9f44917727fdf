import { Injectable } from '@nestjs/common';
import { PrismaService } from '@cairn/database';

/** The per-workspace password providers send as basic auth on /hooks/*, stored as its sha256. */
@Injectable()
export class ProviderHookRepository {
  constructor(private readonly prisma: PrismaService) {}

  async secretHash(workspaceId: string): Promise<string | null> {
    const row = await this.prisma.workspace.findUnique({ where: { id: workspaceId }, select: { providerHookSecretHash: true } });
    return row?.providerHookSecretHash ?? null;
  }

  async setSecretHash(workspaceId: string, hash: string): Promise<void> {
    await this.prisma.workspace.update({ where: { id: workspaceId }, data: { providerHookSecretHash: hash } });
  }
}
