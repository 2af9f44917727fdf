import { Injectable } from '@nestjs/common';
import { PrismaService } from '@cairn/database';

/**
 * What a case page shows besides the case: the answer with its invitation's
 * event, the touchpoint in its journey, the alerts the answer raised and the
 * webhooks sent about it. Every read is bounded by the case's workspace.
 */
@Injectable()
export class CaseHistoryRepository {
  constructor(private readonly prisma: PrismaService) {}

  findCase(workspaceId: string, id: string) {
    return this.prisma.case.findFirst({
      where: { id, workspaceId },
      include: {
        person: true,
        notes: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
        response: { include: { analysis: true, invitation: { select: { id: true, sentAt: true, event: true } } } },
      },
    });
  }

  touchpoint(workspaceId: string, id: string) {
    return this.prisma.touchpoint.findFirst({
      where: { id, workspaceId },
      select: {
        id: true,
        name: true,
        key: true,
        channel: true,
        stage: { select: { id: true, name: true } },
        journey: { select: { id: true, name: true } },
      },
    });
  }

  journey(workspaceId: string, id: string) {
    return this.prisma.journey.findFirst({ where: { id, workspaceId }, select: { id: true, name: true } });
  }

  alerts(workspaceId: string, responseId: string) {
    return this.prisma.alert.findMany({
      where: { workspaceId, responseId },
      include: { rule: { select: { id: true, name: true } } },
      orderBy: { createdAt: 'asc' },
    });
  }

  /** Deliveries of response, alert and case events about this answer (they record its id), to this workspace's endpoints. */
  webhookDeliveries(workspaceId: string, responseId: string, take: number) {
    return this.prisma.webhookDelivery.findMany({
      where: { responseId, endpoint: { workspaceId } },
      select: {
        id: true,
        eventType: true,
        status: true,
        attempts: true,
        lastStatus: true,
        deliveredAt: true,
        createdAt: true,
        endpoint: { select: { id: true, url: true } },
      },
      orderBy: { createdAt: 'asc' },
      take,
    });
  }
}
