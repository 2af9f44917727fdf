import { Injectable } from '@nestjs/common';
import { PrismaService } from '@cairn/database';

/** The widget identity secret of a workspace: at most one, replaced on rotation. */
@Injectable()
export class IdentitySecretRepository {
  constructor(private readonly prisma: PrismaService) {}

  find(workspaceId: string) {
    return this.prisma.widgetIdentitySecret.findUnique({ where: { workspaceId } });
  }

  /** Rotation replaces the row: the old secret stops verifying at once. */
  replace(workspaceId: string, secret: string, prefix: string) {
    return this.prisma.widgetIdentitySecret.upsert({
      where: { workspaceId },
      create: { workspaceId, secret, prefix },
      update: { secret, prefix, createdAt: new Date() },
    });
  }

  async remove(workspaceId: string): Promise<number> {
    return (await this.prisma.widgetIdentitySecret.deleteMany({ where: { workspaceId } })).count;
  }
}
