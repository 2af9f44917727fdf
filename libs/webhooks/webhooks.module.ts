import { Module } from '@nestjs/common';
import { InsightsModule } from '@cairn/insights';
import { NotificationsModule } from '@cairn/notifications';
import { EndpointHealthService } from './endpoint-health.service';
import { ResponsesModule } from '@cairn/responses';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookDisabledMailService } from './webhook-disabled-mail.service';
import { WebhookEndpointRepository } from './webhook-endpoint.repository';
import { WebhookFanoutService } from './webhook-fanout.service';
import { WebhookNoticeRepository } from './webhook-notice.repository';
import { WebhookPayloadRepository } from './webhook-payload.repository';
import { WebhookPayloadBuilder } from './webhook-payload.builder';
import { WebhookSweepService } from './webhook-sweep.service';
import { WebhookService } from './webhook.service';

@Module({
  imports: [ResponsesModule, NotificationsModule, InsightsModule],
  providers: [
    WebhookEndpointRepository,
    WebhookDeliveryRepository,
    WebhookNoticeRepository,
    WebhookPayloadRepository,
    WebhookPayloadBuilder,
    WebhookService,
    WebhookFanoutService,
    WebhookDeliveryService,
    WebhookSweepService,
    EndpointHealthService,
    WebhookDisabledMailService,
  ],
  exports: [WebhookService],
})
export class WebhooksModule {}
