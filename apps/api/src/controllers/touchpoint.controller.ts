import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext } from '../../../../libs/auth/auth-context';
import { AuthGuard } from '../../../../libs/auth/auth.guard';
import { one } from '../../../../libs/common/query-param';
import { CreateTouchpointDto, UpdateTouchpointDto } from '../../../../libs/journey/touchpoint.dto';
import { TouchpointService } from '../../../../libs/journey/touchpoint.service';
import { TouchpointListResponse, TouchpointResponse } from '../../../../libs/journey/journey.response';
import { ApiErrors } from '../../../../libs/common/error.response';
import { UuidParam } from '../../../../libs/common/uuid-param';

@ApiTags('touchpoints')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@ApiErrors(401, 403)
@Controller('api/v1/touchpoints')
export class TouchpointController {
  constructor(private readonly touchpoints: TouchpointService) {}

  @Post()
  @ApiCreatedResponse({ type: TouchpointResponse })
  @ApiErrors(400, 404, 409)
  create(@Auth() auth: AuthContext, @Body() dto: CreateTouchpointDto): Promise<TouchpointResponse> {
    return this.touchpoints.create(auth.workspaceId, dto);
  }

  @Get()
  @ApiOkResponse({ type: TouchpointListResponse })
  list(
    @Auth() auth: AuthContext,
    @Query('stageId') stageId?: string,
    @Query('journeyId') journeyId?: string,
  ): Promise<TouchpointListResponse> {
    return this.touchpoints.list(auth.workspaceId, { stageId: one(stageId), journeyId: one(journeyId) });
  }

  @Get(':id')
  @ApiOkResponse({ type: TouchpointResponse })
  @ApiErrors(400, 404)
  get(@Auth() auth: AuthContext, @UuidParam() id: string): Promise<TouchpointResponse> {
    return this.touchpoints.get(auth.workspaceId, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: TouchpointResponse })
  @ApiErrors(400, 404, 409)
  update(@Auth() auth: AuthContext, @UuidParam() id: string, @Body() dto: UpdateTouchpointDto): Promise<TouchpointResponse> {
    return this.touchpoints.update(auth.workspaceId, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'deleted' })
  @ApiErrors(400, 404)
  async delete(@Auth() auth: AuthContext, @UuidParam() id: string): Promise<void> {
    await this.touchpoints.delete(auth.workspaceId, id);
  }
}
