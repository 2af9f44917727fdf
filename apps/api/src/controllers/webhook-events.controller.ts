import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthGuard } from '../../../../libs/auth/auth.guard';
import { DOMAIN_EVENTS } from '../../../../libs/outbox/outbox.types';
import { ApiErrors } from '../../../../libs/common/error.response';
import { WebhookEventListResponse } from '../../../../libs/webhooks/webhook.response';

/**
 * The event types an endpoint can subscribe to, so the dashboard (and any
 * integration) offers exactly what POST /webhooks accepts instead of a copy
 * that drifts. Any role may read it; the list is the same for every workspace.
 */
@ApiTags('webhooks')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1/webhooks')
export class WebhookEventsController {
  @Get('events')
  @ApiOkResponse({ type: WebhookEventListResponse })
  @ApiErrors(401)
  events(): WebhookEventListResponse {
    return { data: [...DOMAIN_EVENTS] };
  }
}
