import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeController, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, AuthGuard } from '@cairn/auth';
import { Clock } from '@cairn/common';
import { parseCommentQuery } from './comment-query';
import { InsightsService } from './insights.service';

/** Reads the dashboard needs beyond the public contract (so not in /docs: they may change with the dashboard). */
@ApiExcludeController()
@ApiTags('dashboard')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1/dashboard')
export class InsightsController {
  constructor(
    private readonly insights: InsightsService,
    private readonly clock: Clock,
  ) {}

  @Get('comments')
  @ApiOperation({
    summary:
      'Latest comments of a touchpoint; band=low|mid|high (detractors/passives/promoters …), q = text search, segment.<property>=<value>',
  })
  comments(@Auth() auth: AuthContext, @Query() query: Record<string, unknown>) {
    return this.insights.comments(auth.workspaceId, parseCommentQuery(query, this.clock.now()));
  }

  @Get('segments')
  @ApiOperation({ summary: 'Person properties and their values seen in recent answers (choices of the segment filter)' })
  segments(@Auth() auth: AuthContext) {
    return this.insights.segments(auth.workspaceId);
  }
}
