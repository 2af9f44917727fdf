import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, AuthGuard } from '@cairn/auth';
import { one, ApiErrors, UuidParam } from '@cairn/common';
import { RelationshipSchedulerService } from '@cairn/distribution';
import {
  CreateSurveyDto,
  SchedulePreviewQueryDto,
  SchedulePreviewResponse,
  UpdateSurveyDto,
  SurveyService,
  SurveyListResponse,
  SurveyResponse,
} from '@cairn/survey';

@ApiTags('surveys')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@ApiErrors(401, 403)
@Controller('api/v1/surveys')
export class SurveyController {
  constructor(
    private readonly surveys: SurveyService,
    private readonly relationship: RelationshipSchedulerService,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: SurveyResponse })
  @ApiErrors(400, 404)
  create(@Auth() auth: AuthContext, @Body() dto: CreateSurveyDto): Promise<SurveyResponse> {
    return this.surveys.create(auth.workspaceId, dto);
  }

  @Get()
  @ApiOkResponse({ type: SurveyListResponse })
  list(@Auth() auth: AuthContext, @Query('touchpointId') touchpointId?: string): Promise<SurveyListResponse> {
    return this.surveys.list(auth.workspaceId, { touchpointId: one(touchpointId) });
  }

  @Get(':id')
  @ApiOkResponse({ type: SurveyResponse })
  @ApiErrors(400, 404)
  get(@Auth() auth: AuthContext, @UuidParam() id: string): Promise<SurveyResponse> {
    return this.surveys.get(auth.workspaceId, id);
  }

  @Get(':id/schedule')
  @ApiOkResponse({ type: SchedulePreviewResponse, description: "a relationship survey's invitations in the next `days` days" })
  @ApiErrors(400, 404)
  schedule(@Auth() auth: AuthContext, @UuidParam() id: string, @Query() query: SchedulePreviewQueryDto): Promise<SchedulePreviewResponse> {
    return this.relationship.preview(auth.workspaceId, id, query.days ?? 7);
  }

  @Patch(':id')
  @ApiOkResponse({ type: SurveyResponse })
  @ApiErrors(400, 404)
  update(@Auth() auth: AuthContext, @UuidParam() id: string, @Body() dto: UpdateSurveyDto): Promise<SurveyResponse> {
    return this.surveys.update(auth.workspaceId, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'deleted' })
  @ApiErrors(400, 404, 409)
  async delete(@Auth() auth: AuthContext, @UuidParam() id: string): Promise<void> {
    await this.surveys.delete(auth.workspaceId, id);
  }
}
