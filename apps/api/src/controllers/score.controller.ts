import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, AuthGuard } from '@cairn/auth';
import { Clock, ApiErrors } from '@cairn/common';
import { parseScoreQuery, RawQuery, ScoreService, ScoreResponse } from '@cairn/scores';

@ApiTags('scores')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1/scores')
export class ScoreController {
  constructor(
    private readonly scores: ScoreService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Score of a touchpoint, stage or journey with its CI, series, previous period and response rate',
    description: 'Exactly one of touchpointId, stageId, journeyId. Segment filters: segment.<property>=<value> (several allowed).',
  })
  @ApiQuery({ name: 'touchpointId', required: false })
  @ApiQuery({ name: 'stageId', required: false })
  @ApiQuery({ name: 'journeyId', required: false })
  @ApiQuery({ name: 'metric', required: false, enum: ['nps', 'csat', 'ces'], enumName: 'Metric' })
  @ApiQuery({ name: 'since', required: false, description: 'ISO date or date-time; default until − 30 days' })
  @ApiQuery({ name: 'until', required: false, description: 'ISO date or date-time (exclusive); default now' })
  @ApiQuery({ name: 'interval', required: false, enum: ['day', 'week', 'month'], enumName: 'ScoreInterval' })
  @ApiQuery({ name: 'tz', required: false, example: 'Europe/Stockholm' })
  @ApiQuery({ name: 'persona', required: false })
  @ApiOkResponse({ type: ScoreResponse })
  @ApiErrors(400, 401, 403, 404)
  get(@Auth() auth: AuthContext, @Query() query: RawQuery): Promise<ScoreResponse> {
    return this.scores.scores(auth.workspaceId, parseScoreQuery(query, this.clock.now()));
  }
}
