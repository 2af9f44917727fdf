import { Injectable } from '@nestjs/common';
import { PrismaService } from '@cairn/database';

/** The rows a webhook body carries besides the response snapshot: the person, the alert, the case. */
@Injectable()
export class WebhookPayloadRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Delighted's person shape needs created_at, which the standard body does not carry. */
  person(id: string) {
    return this.prisma.person.findUnique({
      where: { id },
      select: { id: true, compatId: true, email: true, name: true, createdAt: true, unsubscribedAt: true },
    });
  }

  /** Delighted's response fields the standard body lacks: its numeric id, tags, additional answers. */
  delightedResponse(id: string) {
    return this.prisma.response.findUnique({
      where: { id },
      select: { compatId: true, tags: true, additionalAnswers: true, touchpointId: true, journeyId: true },
    });
  }

  alertWithRule(id: string) {
    return this.prisma.alert.findUnique({ where: { id }, include: { rule: true } });
  }

  case(id: string) {
    return this.prisma.case.findUnique({ where: { id } });
  }

  /** The one case an answer can have (cases.response_id is unique), for chat messages' links. */
  async caseIdOfResponse(responseId: string): Promise<string | null> {
    const row = await this.prisma.case.findUnique({ where: { responseId }, select: { id: true } });
    return row?.id ?? null;
  }
}
