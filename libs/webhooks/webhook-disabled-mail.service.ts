import { Inject, Injectable } from '@nestjs/common';
import { NoticeSender, renderNotice } from '@cairn/notifications';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { JobData, JobName, OnJob } from '@cairn/jobs';
import { WebhookEndpointRepository } from './webhook-endpoint.repository';
import { WebhookNoticeRepository } from './webhook-notice.repository';

/** Tells one workspace admin that an endpoint was switched off, and how to switch it back on. */
@Injectable()
export class WebhookDisabledMailService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly endpoints: WebhookEndpointRepository,
    private readonly notices: WebhookNoticeRepository,
    private readonly sender: NoticeSender,
  ) {}

  @OnJob(JobName.SendWebhookDisabledEmail)
  async send({ endpointId, userId }: JobData<JobName.SendWebhookDisabledEmail>): Promise<void> {
    const [endpoint, user] = await Promise.all([this.endpoints.findById(endpointId), this.notices.recipient(userId)]);
    // Re-enabled (or deleted) before the mail went out: nothing left to report.
    if (!endpoint || endpoint.enabled || !user || user.disabledAt) return;
    const notice = renderNotice({
      subject: `Webhook disabled: ${endpoint.url}`,
      intro: 'Cairn stopped sending webhooks to one of your endpoints. Events are no longer delivered to it until it is enabled again.',
      facts: [
        ['Endpoint', endpoint.url],
        ['Reason', endpoint.disabledReason],
        ['Disabled at', endpoint.disabledAt?.toISOString()],
        ['Re-enable', `PATCH /api/v1/webhooks/${endpoint.id} { "enabled": true }`],
      ],
      link: { label: 'Delivery log', url: `${this.config.publicBaseUrl}/api/v1/webhooks/${endpoint.id}/deliveries` },
    });
    await this.sender.send({
      to: user.email,
      ...notice,
      messageId: `<webhook-disabled-${endpoint.id}-${endpoint.disabledAt?.getTime()}-${user.id}@cairn>`,
    });
  }
}
