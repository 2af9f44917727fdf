import { Injectable } from '@nestjs/common';
import { PrismaService } from '@cairn/database';

const FIELDS = { publishableKey: true, corsOrigins: true } as const;

/** The widget's part of a workspace: its publishable key and the origins allowed to answer. */
@Injectable()
export class WidgetSettingsRepository {
  constructor(private readonly prisma: PrismaService) {}

  find(workspaceId: string) {
    return this.prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: FIELDS });
  }

  setOrigins(workspaceId: string, corsOrigins: string[]) {
    return this.prisma.workspace.update({ where: { id: workspaceId }, data: { corsOrigins }, select: FIELDS });
  }

  /** The old key stops working at once: every look-up goes by the stored key. */
  setPublishableKey(workspaceId: string, publishableKey: string) {
    return this.prisma.workspace.update({ where: { id: workspaceId }, data: { publishableKey }, select: FIELDS });
  }
}
