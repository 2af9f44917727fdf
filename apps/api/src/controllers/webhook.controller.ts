import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, AuthContext, AuthGuard, RequireRole } from '@cairn/auth';
import {
  CreateWebhookDto,
  ListDeliveriesQuery,
  UpdateWebhookDto,
  WebhookService,
  DeliveryListResponse,
  DeliveryResponse,
  WebhookCreatedResponse,
  WebhookListResponse,
  WebhookResponse,
} from '@cairn/webhooks';
import { ApiErrors, UuidParam } from '@cairn/common';

/** Endpoints send workspace data out of Cairn, so changing them takes an admin. */
@ApiTags('webhooks')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@ApiErrors(401, 403)
@Controller('api/v1/webhooks')
export class WebhookController {
  constructor(private readonly webhooks: WebhookService) {}

  @Post()
  @RequireRole('admin')
  @ApiCreatedResponse({ type: WebhookCreatedResponse })
  @ApiErrors(400)
  create(@Auth() auth: AuthContext, @Body() dto: CreateWebhookDto): Promise<WebhookCreatedResponse> {
    return this.webhooks.create(auth.workspaceId, dto);
  }

  @Get()
  @ApiOkResponse({ type: WebhookListResponse })
  list(@Auth() auth: AuthContext): Promise<WebhookListResponse> {
    return this.webhooks.list(auth.workspaceId);
  }

  @Get(':id')
  @ApiOkResponse({ type: WebhookResponse })
  @ApiErrors(400, 404)
  get(@Auth() auth: AuthContext, @UuidParam() id: string): Promise<WebhookResponse> {
    return this.webhooks.get(auth.workspaceId, id);
  }

  @Patch(':id')
  @RequireRole('admin')
  @ApiOkResponse({ type: WebhookResponse })
  @ApiErrors(400, 404)
  update(@Auth() auth: AuthContext, @UuidParam() id: string, @Body() dto: UpdateWebhookDto): Promise<WebhookResponse> {
    return this.webhooks.update(auth, id, dto);
  }

  @Delete(':id')
  @RequireRole('admin')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'deleted' })
  @ApiErrors(400, 404)
  async delete(@Auth() auth: AuthContext, @UuidParam() id: string): Promise<void> {
    await this.webhooks.delete(auth.workspaceId, id);
  }

  @Get(':id/deliveries')
  @ApiOkResponse({ type: DeliveryListResponse })
  @ApiErrors(400, 404)
  deliveries(@Auth() auth: AuthContext, @UuidParam() id: string, @Query() query: ListDeliveriesQuery): Promise<DeliveryListResponse> {
    return this.webhooks.listDeliveries(auth.workspaceId, id, query);
  }

  @Post(':id/test')
  @RequireRole('manager')
  @HttpCode(202)
  @ApiOperation({ summary: 'Sends a webhook.test event to this endpoint now; its delivery shows in the log like any other' })
  @ApiAcceptedResponse({ type: DeliveryResponse })
  @ApiErrors(400, 404, 409)
  sendTest(@Auth() auth: AuthContext, @UuidParam() id: string): Promise<DeliveryResponse> {
    return this.webhooks.sendTest(auth.workspaceId, id);
  }

  @Post(':id/deliveries/:deliveryId/retry')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: DeliveryResponse })
  @ApiErrors(400, 404, 409)
  retry(@Auth() auth: AuthContext, @UuidParam() id: string, @UuidParam('deliveryId') deliveryId: string): Promise<DeliveryResponse> {
    return this.webhooks.retry(auth.workspaceId, id, deliveryId);
  }
}
