import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext } from '../../../../libs/auth/auth-context';
import { AuthGuard, RequireRole } from '../../../../libs/auth/auth.guard';
import { CreateWebhookDto, ListDeliveriesQuery, UpdateWebhookDto } from '../../../../libs/webhooks/webhook.dto';
import { WebhookService } from '../../../../libs/webhooks/webhook.service';

/** Endpoints send workspace data out of Cairn, so changing them takes an admin. */
@ApiTags('webhooks')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1/webhooks')
export class WebhookController {
  constructor(private readonly webhooks: WebhookService) {}

  @Post()
  @RequireRole('admin')
  create(@Auth() auth: AuthContext, @Body() dto: CreateWebhookDto) {
    return this.webhooks.create(auth.workspaceId, dto);
  }

  @Get()
  list(@Auth() auth: AuthContext) {
    return this.webhooks.list(auth.workspaceId);
  }

  @Get(':id')
  get(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.webhooks.get(auth.workspaceId, id);
  }

  @Patch(':id')
  @RequireRole('admin')
  update(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: UpdateWebhookDto) {
    return this.webhooks.update(auth, id, dto);
  }

  @Delete(':id')
  @RequireRole('admin')
  @HttpCode(204)
  async delete(@Auth() auth: AuthContext, @Param('id') id: string): Promise<void> {
    await this.webhooks.delete(auth.workspaceId, id);
  }

  @Get(':id/deliveries')
  deliveries(@Auth() auth: AuthContext, @Param('id') id: string, @Query() query: ListDeliveriesQuery) {
    return this.webhooks.listDeliveries(auth.workspaceId, id, query);
  }

  @Post(':id/deliveries/:deliveryId/retry')
  @HttpCode(202)
  retry(@Auth() auth: AuthContext, @Param('id') id: string, @Param('deliveryId') deliveryId: string) {
    return this.webhooks.retry(auth.workspaceId, id, deliveryId);
  }
}
