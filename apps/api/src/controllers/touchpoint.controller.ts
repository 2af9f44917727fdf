import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext } from '../../../../libs/auth/auth-context';
import { AuthGuard } from '../../../../libs/auth/auth.guard';
import { one } from '../../../../libs/common/query-param';
import { CreateTouchpointDto, UpdateTouchpointDto } from '../../../../libs/journey/touchpoint.dto';
import { TouchpointService } from '../../../../libs/journey/touchpoint.service';

@ApiTags('touchpoints')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1/touchpoints')
export class TouchpointController {
  constructor(private readonly touchpoints: TouchpointService) {}

  @Post()
  create(@Auth() auth: AuthContext, @Body() dto: CreateTouchpointDto) {
    return this.touchpoints.create(auth.workspaceId, dto);
  }

  @Get()
  list(@Auth() auth: AuthContext, @Query('stageId') stageId?: string, @Query('journeyId') journeyId?: string) {
    return this.touchpoints.list(auth.workspaceId, { stageId: one(stageId), journeyId: one(journeyId) });
  }

  @Get(':id')
  get(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.touchpoints.get(auth.workspaceId, id);
  }

  @Patch(':id')
  update(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: UpdateTouchpointDto) {
    return this.touchpoints.update(auth.workspaceId, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@Auth() auth: AuthContext, @Param('id') id: string): Promise<void> {
    await this.touchpoints.delete(auth.workspaceId, id);
  }
}
