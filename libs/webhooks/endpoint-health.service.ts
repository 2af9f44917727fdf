import { Injectable, Logger } from '@nestjs/common';
import { Tx } from '@cairn/database';
import { JobName, JobIds } from '@cairn/jobs';
import { OutboxRepository } from '@cairn/outbox';
import { WebhookEndpointRepository } from './webhook-endpoint.repository';
import { WebhookNoticeRepository } from './webhook-notice.repository';

const DAY_MS = 86_400_000;

/**
 * An endpoint's failure streak: started by its first failure, ended by a
 * success (WebhookDeliveryRepository.recordSuccess); after workspace.webhookDisableAfterDays of it (or one 410) the
 * endpoint is switched off and the workspace admins get an email.
 */
@Injectable()
export class EndpointHealthService {
  private readonly logger = new Logger(EndpointHealthService.name);

  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly notices: WebhookNoticeRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  /** True when this failure ended the endpoint's patience. */
  async failed(tx: Tx, endpoint: { endpointId: string; workspaceId: string }, now: Date): Promise<boolean> {
    const since = await this.endpoints.markFailing(tx, endpoint.endpointId, now);
    if (!since) return false;
    const days = await this.endpoints.disableAfterDays(tx, endpoint.workspaceId);
    if (now.getTime() - since.getTime() < days * DAY_MS) return false;
    return this.disable(tx, endpoint, `failing since ${since.toISOString()} (${days} days or more)`);
  }

  async disable(tx: Tx, endpoint: { endpointId: string; workspaceId: string }, reason: string): Promise<boolean> {
    if (!(await this.endpoints.disable(tx, endpoint.endpointId, reason))) return false;
    this.logger.warn(`webhook endpoint ${endpoint.endpointId} disabled: ${reason}`);
    const admins = await this.notices.adminIds(tx, endpoint.workspaceId);
    await this.outbox.add(
      tx,
      admins.map((user) => ({
        topic: 'job' as const,
        workspaceId: endpoint.workspaceId,
        job: { name: JobName.SendWebhookDisabledEmail as const, data: { endpointId: endpoint.endpointId, userId: user.id } },
        jobId: JobIds.sendWebhookDisabledEmail(endpoint.endpointId, user.id, new Date()),
      })),
    );
    return true;
  }
}
