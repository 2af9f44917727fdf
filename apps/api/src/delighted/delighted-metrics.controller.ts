import { Body, Controller, Get, HttpCode, Post, Query, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBasicAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, AuthGuard } from '@cairn/auth';
import {
  DelightedExceptionFilter,
  DelightedMetricsService,
  asParams,
  DelightedRateLimitGuard,
  DelightedSuppressionsService,
  DelightedMetricsResponse,
  DelightedOkResponse,
  DelightedSuppressionResponse,
  ApiDelightedErrors,
  DELIGHTED_PATH,
} from '@cairn/delighted';

/** metrics, unsubscribes and bounces. */
@ApiTags('delighted')
@ApiBasicAuth()
@UseGuards(AuthGuard, DelightedRateLimitGuard)
@UseFilters(DelightedExceptionFilter)
@ApiDelightedErrors(401, 429)
@Controller(DELIGHTED_PATH)
export class DelightedMetricsController {
  constructor(
    private readonly metrics: DelightedMetricsService,
    private readonly suppressions: DelightedSuppressionsService,
  ) {}

  @Get(['metrics', 'metrics.json'])
  @ApiOkResponse({ type: DelightedMetricsResponse })
  @ApiDelightedErrors(422)
  get(@Auth() auth: AuthContext, @Query() query: Record<string, unknown>): Promise<DelightedMetricsResponse> {
    return this.metrics.metrics(auth.workspaceId, query);
  }

  @Get(['unsubscribes', 'unsubscribes.json'])
  @ApiOkResponse({ type: [DelightedSuppressionResponse] })
  @ApiDelightedErrors(422)
  unsubscribes(@Auth() auth: AuthContext, @Query() query: Record<string, unknown>): Promise<DelightedSuppressionResponse[]> {
    return this.suppressions.listUnsubscribes(auth.workspaceId, query);
  }

  @Post(['unsubscribes', 'unsubscribes.json'])
  @HttpCode(200)
  @ApiOkResponse({ type: DelightedOkResponse })
  @ApiDelightedErrors(422)
  unsubscribe(@Auth() auth: AuthContext, @Body() body: unknown): Promise<DelightedOkResponse> {
    return this.suppressions.unsubscribe(auth.workspaceId, asParams(body));
  }

  @Get(['bounces', 'bounces.json'])
  @ApiOkResponse({ type: [DelightedSuppressionResponse] })
  @ApiDelightedErrors(422)
  bounces(@Auth() auth: AuthContext, @Query() query: Record<string, unknown>): Promise<DelightedSuppressionResponse[]> {
    return this.suppressions.listBounces(auth.workspaceId, query);
  }
}
