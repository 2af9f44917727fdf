import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, AuthGuard } from '@cairn/auth';
import { one, ApiErrors, UuidParam } from '@cairn/common';
import { CreateTouchpointDto, UpdateTouchpointDto, TouchpointService, TouchpointListResponse, TouchpointResponse } from '@cairn/journey';

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
