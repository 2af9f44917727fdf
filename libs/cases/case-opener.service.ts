import { Injectable } from '@nestjs/common';
import { Tx } from '@cairn/database';
import { JobName, JobIds } from '@cairn/jobs';
import { OutboxMessage } from '@cairn/outbox';
import { CaseRepository } from './case.repository';

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
  constructor(private readonly cases: CaseRepository) {}

  /** The outbox messages that go with a new case (none when the response already has one); the caller adds them. */
  async open(tx: Tx, source: CaseSource): Promise<OutboxMessage[]> {
    const slaHours = await this.cases.slaHours(tx, source.workspaceId);
    const caseId = await this.cases.openOnce(tx, {
      workspaceId: source.workspaceId,
      alertId: source.alertId,
      responseId: source.response.id,
      personId: source.response.personId,
      touchpointId: source.response.touchpointId,
      dueAt: new Date(Date.now() + slaHours * 3_600_000),
    });
    if (!caseId) return [];
    const recipients = await this.cases.recipients(tx, source.workspaceId);
    return [
      {
        topic: 'case.opened',
        workspaceId: source.workspaceId,
        data: { caseId, responseId: source.response.id, status: 'open' },
      },
      ...recipients.map((user) => ({
        topic: 'job' as const,
        workspaceId: source.workspaceId,
        job: { name: JobName.SendCaseEmail as const, data: { caseId, userId: user.id } },
        jobId: JobIds.sendCaseEmail(caseId, user.id),
      })),
    ];
  }
}
