import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, AuthGuard } from '@cairn/auth';
import {
  CreateJourneyDto,
  CreateStageDto,
  UpdateJourneyDto,
  UpdateStageDto,
  JourneyOrderService,
  JourneyService,
  StageOrderDto,
  TouchpointOrderDto,
  JourneyListResponse,
  JourneyResponse,
  StageResponse,
} from '@cairn/journey';
import { ApiErrors, UuidParam } from '@cairn/common';

@ApiTags('journeys')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@ApiErrors(401, 403)
@Controller('api/v1')
export class JourneyController {
  constructor(
    private readonly journeys: JourneyService,
    private readonly order: JourneyOrderService,
  ) {}

  @Post('journeys')
  @ApiCreatedResponse({ type: JourneyResponse })
  @ApiErrors(400)
  create(@Auth() auth: AuthContext, @Body() dto: CreateJourneyDto): Promise<JourneyResponse> {
    return this.journeys.create(auth.workspaceId, dto);
  }

  @Get('journeys')
  @ApiOkResponse({ type: JourneyListResponse })
  list(@Auth() auth: AuthContext): Promise<JourneyListResponse> {
    return this.journeys.list(auth.workspaceId);
  }

  @Get('journeys/:id')
  @ApiOkResponse({ type: JourneyResponse })
  @ApiErrors(400, 404)
  get(@Auth() auth: AuthContext, @UuidParam() id: string): Promise<JourneyResponse> {
    return this.journeys.get(auth.workspaceId, id);
  }

  @Patch('journeys/:id')
  @ApiOkResponse({ type: JourneyResponse })
  @ApiErrors(400, 404)
  update(@Auth() auth: AuthContext, @UuidParam() id: string, @Body() dto: UpdateJourneyDto): Promise<JourneyResponse> {
    return this.journeys.update(auth.workspaceId, id, dto);
  }

  @Delete('journeys/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'archived' })
  @ApiErrors(400, 404)
  async archive(@Auth() auth: AuthContext, @UuidParam() id: string): Promise<void> {
    await this.journeys.archive(auth.workspaceId, id);
  }

  @Post('journeys/:id/stages')
  @ApiCreatedResponse({ type: StageResponse })
  @ApiErrors(400, 404)
  addStage(@Auth() auth: AuthContext, @UuidParam() id: string, @Body() dto: CreateStageDto): Promise<StageResponse> {
    return this.journeys.addStage(auth.workspaceId, id, dto);
  }

  @Patch('stages/:id')
  @ApiOkResponse({ type: StageResponse })
  @ApiErrors(400, 404)
  updateStage(@Auth() auth: AuthContext, @UuidParam() id: string, @Body() dto: UpdateStageDto): Promise<StageResponse> {
    return this.journeys.updateStage(auth.workspaceId, id, dto);
  }

  @Delete('stages/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'deleted' })
  @ApiErrors(400, 404, 409)
  async deleteStage(@Auth() auth: AuthContext, @UuidParam() id: string): Promise<void> {
    await this.journeys.deleteStage(auth.workspaceId, id);
  }

  /** The dashboard's drag and move buttons: the whole stage order at once (409 when the page was stale). */
  @Put('journeys/:id/stage-order')
  @ApiOkResponse({ type: JourneyResponse })
  @ApiErrors(400, 404, 409)
  orderStages(@Auth() auth: AuthContext, @UuidParam() id: string, @Body() dto: StageOrderDto): Promise<JourneyResponse> {
    return this.order.orderStages(auth.workspaceId, id, dto);
  }

  /** A stage's touchpoints in order; touchpoints of other stages of the journey named here move into it. */
  @Put('stages/:id/touchpoint-order')
  @ApiOkResponse({ type: JourneyResponse })
  @ApiErrors(400, 404, 409, 422)
  orderTouchpoints(@Auth() auth: AuthContext, @UuidParam() id: string, @Body() dto: TouchpointOrderDto): Promise<JourneyResponse> {
    return this.order.orderTouchpoints(auth.workspaceId, id, dto);
  }
}
