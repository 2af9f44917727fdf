import { Injectable } from '@nestjs/common';
import { PrismaService } from '@cairn/database';
import { JobSubject, JobSubjectType, subjectKey } from './job-subject';

/** Which job subjects belong to a workspace, read from Postgres: one query per subject type. */
@Injectable()
export class JobOwnershipRepository {
  constructor(private readonly prisma: PrismaService) {}

  async owned(workspaceId: string, subjects: JobSubject[]): Promise<Set<string>> {
    const byType = new Map<JobSubjectType, string[]>();
    for (const subject of subjects) byType.set(subject.type, [...(byType.get(subject.type) ?? []), subject.id]);
    const found = await Promise.all(
      [...byType].map(async ([type, ids]) => (await this.ownedIds(type, workspaceId, ids)).map((id) => subjectKey({ type, id }))),
    );
    return new Set(found.flat());
  }

  private async ownedIds(type: JobSubjectType, workspaceId: string, ids: string[]): Promise<string[]> {
    const where = { id: { in: [...new Set(ids)] }, workspaceId };
    const select = { id: true } as const;
    switch (type) {
      case 'invitation':
        return (await this.prisma.invitation.findMany({ where, select })).map((row) => row.id);
      case 'outbox-event':
        return (await this.prisma.outboxEvent.findMany({ where, select })).map((row) => row.id);
      case 'case':
        return (await this.prisma.case.findMany({ where, select })).map((row) => row.id);
      case 'response':
        return (await this.prisma.response.findMany({ where, select })).map((row) => row.id);
      case 'webhook-endpoint':
        return (await this.prisma.webhookEndpoint.findMany({ where, select })).map((row) => row.id);
      case 'webhook-delivery':
        return (await this.prisma.webhookDelivery.findMany({ where: { id: where.id, endpoint: { workspaceId } }, select })).map(
          (row) => row.id,
        );
    }
  }
}
