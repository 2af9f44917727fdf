import { Body, Controller, Delete, Get, HttpCode, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CreateAlertRuleDto,
  UpdateAlertRuleDto,
  AlertRuleService,
  AlertListResponse,
  AlertRuleListResponse,
  AlertRuleResponse,
} from '@cairn/alerts';
import { Auth, AuthContext, AuthGuard, RequireRole } from '@cairn/auth';
import { ApiErrors, UuidParam } from '@cairn/common';

@ApiTags('alerts')
@ApiBearerAuth()
@UseGuards(AuthGuard)
/** Alert rules shape who gets paged: reading is for everyone, changing them for admins. */
@ApiErrors(401, 403)
@Controller('api/v1/alert-rules')
export class AlertRuleController {
  constructor(private readonly rules: AlertRuleService) {}

  @Post()
  @RequireRole('admin')
  @ApiCreatedResponse({ type: AlertRuleResponse })
  @ApiErrors(400, 404)
  create(@Auth() auth: AuthContext, @Body() dto: CreateAlertRuleDto): Promise<AlertRuleResponse> {
    return this.rules.create(auth.workspaceId, dto);
  }

  @Get()
  @ApiOkResponse({ type: AlertRuleListResponse })
  list(@Auth() auth: AuthContext): Promise<AlertRuleListResponse> {
    return this.rules.list(auth.workspaceId);
  }

  @Get(':id')
  @ApiOkResponse({ type: AlertRuleResponse })
  @ApiErrors(400, 404)
  get(@Auth() auth: AuthContext, @UuidParam() id: string): Promise<AlertRuleResponse> {
    return this.rules.get(auth.workspaceId, id);
  }

  @Get(':id/alerts')
  @ApiOkResponse({ type: AlertListResponse })
  @ApiErrors(400, 404)
  alerts(@Auth() auth: AuthContext, @UuidParam() id: string): Promise<AlertListResponse> {
    return this.rules.alerts(auth.workspaceId, id);
  }

  @Patch(':id')
  @RequireRole('admin')
  @ApiOkResponse({ type: AlertRuleResponse })
  @ApiErrors(400, 404)
  update(@Auth() auth: AuthContext, @UuidParam() id: string, @Body() dto: UpdateAlertRuleDto): Promise<AlertRuleResponse> {
    return this.rules.update(auth.workspaceId, id, dto);
  }

  @Delete(':id')
  @RequireRole('admin')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'deleted' })
  @ApiErrors(400, 404)
  async delete(@Auth() auth: AuthContext, @UuidParam() id: string): Promise<void> {
    await this.rules.delete(auth.workspaceId, id);
  }
}
