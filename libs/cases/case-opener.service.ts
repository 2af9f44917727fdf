import { Injectable } from '@nestjs/common';
import { Tx } from '@cairn/database';
import { JobName } from '@cairn/jobs';
import { OutboxMessage } from '@cairn/outbox';

export interface CaseSource {
  workspaceId: string;
  alertId: string;
  response: { id: string; personId: string | null; touchpointId: string };
}

/**
 * Opens the one case a detractor response can ever have (cases.response_id
 * is unique), in the alert's transaction: with it go case.opened and one
 * email job per CX manager who wants them, through the outbox.
 */
@Injectable()
export class CaseOpenerService {
  /** The outbox messages that go with a new case (none when the response already has one); the caller adds them. */
  async open(tx: Tx, source: CaseSource): Promise<OutboxMessage[]> {
    const workspace = await tx.workspace.findUniqueOrThrow({ where: { id: source.workspaceId }, select: { caseSlaHours: true } });
    const [created] = await tx.case.createManyAndReturn({
      data: [
        {
          workspaceId: source.workspaceId,
          alertId: source.alertId,
          responseId: source.response.id,
          personId: source.response.personId,
          touchpointId: source.response.touchpointId,
          dueAt: new Date(Date.now() + workspace.caseSlaHours * 3_600_000),
        },
      ],
      skipDuplicates: true,
      select: { id: true },
    });
    if (!created) return [];
    const recipients = await tx.user.findMany({
      where: { workspaceId: source.workspaceId, role: { in: ['admin', 'manager'] }, notifyOnCase: true, disabledAt: null },
      select: { id: true },
    });
    return [
      {
        topic: 'case.opened',
        workspaceId: source.workspaceId,
        data: { caseId: created.id, responseId: source.response.id, status: 'open' },
      },
      ...recipients.map((user) => ({
        topic: 'job' as const,
        workspaceId: source.workspaceId,
        job: { name: JobName.SendCaseEmail as const, data: { caseId: created.id, userId: user.id } },
        jobId: `case-mail-${created.id}-${user.id}`,
      })),
    ];
  }
}
