import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CreateAlertRuleDto, UpdateAlertRuleDto } from '../../../../libs/alerts/alert-rule.dto';
import { AlertRuleService } from '../../../../libs/alerts/alert-rule.service';
import { Auth, AuthContext } from '../../../../libs/auth/auth-context';
import { AuthGuard, RequireRole } from '../../../../libs/auth/auth.guard';

@ApiTags('alerts')
@ApiBearerAuth()
@UseGuards(AuthGuard)
/** Alert rules shape who gets paged: reading is for everyone, changing them for admins. */
@Controller('api/v1/alert-rules')
export class AlertRuleController {
  constructor(private readonly rules: AlertRuleService) {}

  @Post()
  @RequireRole('admin')
  create(@Auth() auth: AuthContext, @Body() dto: CreateAlertRuleDto) {
    return this.rules.create(auth.workspaceId, dto);
  }

  @Get()
  list(@Auth() auth: AuthContext) {
    return this.rules.list(auth.workspaceId);
  }

  @Get(':id')
  get(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.rules.get(auth.workspaceId, id);
  }

  @Get(':id/alerts')
  alerts(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.rules.alerts(auth.workspaceId, id);
  }

  @Patch(':id')
  @RequireRole('admin')
  update(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: UpdateAlertRuleDto) {
    return this.rules.update(auth.workspaceId, id, dto);
  }

  @Delete(':id')
  @RequireRole('admin')
  @HttpCode(204)
  async delete(@Auth() auth: AuthContext, @Param('id') id: string): Promise<void> {
    await this.rules.delete(auth.workspaceId, id);
  }
}
