import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, AuthGuard } from '@cairn/auth';
import { ApiErrors, Clock } from '@cairn/common';
import { ThemeInsightsResponse, ThemeInsightsService, ThemeSuggestionsResponse } from '@cairn/insights';
import { parseScoreQuery, RawQuery } from '@cairn/scores';

const SCOPE_QUERIES = [
  { name: 'touchpointId', required: false },
  { name: 'stageId', required: false },
  { name: 'journeyId', required: false },
  { name: 'metric', required: false, enum: ['nps', 'csat', 'ces'], enumName: 'Metric' },
  { name: 'since', required: false, description: 'ISO date or date-time; default until − 30 days' },
  { name: 'until', required: false, description: 'ISO date or date-time (exclusive); default now' },
  { name: 'tz', required: false },
  { name: 'persona', required: false },
] as const;

function ScopeQueries(): MethodDecorator {
  return (target, key, descriptor) => {
    for (const query of SCOPE_QUERIES) ApiQuery({ ...query })(target, key, descriptor);
  };
}

/** What customers write about, per touchpoint, stage or journey, with the same scope and segments as /scores. */
@ApiTags('comment analysis')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@ApiErrors(400, 401, 403, 404)
@Controller('api/v1/insights/themes')
export class InsightsController {
  constructor(
    private readonly insights: ThemeInsightsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({
    summary: "Themes of the scope's comments: mentions, share, sentiment, score with and without, impact in points",
    description: 'Exactly one of touchpointId, stageId, journeyId. Segment filters: segment.<property>=<value>.',
  })
  @ScopeQueries()
  @ApiOkResponse({ type: ThemeInsightsResponse })
  themes(@Auth() auth: AuthContext, @Query() query: RawQuery): Promise<ThemeInsightsResponse> {
    return this.insights.themeInsights(auth.workspaceId, parseScoreQuery(query, this.clock.now()));
  }

  @Get('suggestions')
  @ApiOperation({ summary: 'Recurring words and phrases no theme covers, with counts and example comments' })
  @ScopeQueries()
  @ApiOkResponse({ type: ThemeSuggestionsResponse })
  suggestions(@Auth() auth: AuthContext, @Query() query: RawQuery): Promise<ThemeSuggestionsResponse> {
    return this.insights.suggestions(auth.workspaceId, parseScoreQuery(query, this.clock.now()));
  }
}
