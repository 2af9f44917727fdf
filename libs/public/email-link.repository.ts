import { Injectable } from '@nestjs/common';
import { PrismaService } from '@cairn/database';

/** Reads behind the pages a survey email links to (answer and unsubscribe), after the token was resolved. */
@Injectable()
export class EmailLinkRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The invitation's workspace: it exists while the invitation does (deleting a workspace cascades). */
  workspace(id: string) {
    return this.prisma.workspace.findUniqueOrThrow({ where: { id } });
  }

  /** The triggering event's properties, for {{event.*}} placeholders in the question. */
  event(id: string) {
    return this.prisma.event.findUnique({ where: { id }, select: { properties: true } });
  }

  responseForInvitation(invitationId: string) {
    return this.prisma.response.findUnique({ where: { invitationId } });
  }
}
