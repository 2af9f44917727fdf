import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthGuard } from '@cairn/auth';
import { DOMAIN_EVENTS } from '@cairn/outbox';
import { ApiErrors } from '@cairn/common';
import { WebhookEventListResponse } from '@cairn/webhooks';

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
