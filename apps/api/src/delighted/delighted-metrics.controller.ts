import { Body, Controller, Get, HttpCode, Post, Query, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBasicAuth, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext } from '../../../../libs/auth/auth-context';
import { AuthGuard } from '../../../../libs/auth/auth.guard';
import { DelightedExceptionFilter } from '../../../../libs/delighted/delighted-exception.filter';
import { DelightedMetricsService } from '../../../../libs/delighted/delighted-metrics.service';
import { asParams } from '../../../../libs/delighted/delighted-params';
import { DelightedRateLimitGuard } from '../../../../libs/delighted/delighted-rate-limit.guard';
import { DelightedSuppressionsService } from '../../../../libs/delighted/delighted-suppressions.service';

/** metrics, unsubscribes and bounces. */
@ApiTags('delighted')
@ApiBasicAuth()
@UseGuards(AuthGuard, DelightedRateLimitGuard)
@UseFilters(DelightedExceptionFilter)
@Controller('compat/delighted/v1')
export class DelightedMetricsController {
  constructor(
    private readonly metrics: DelightedMetricsService,
    private readonly suppressions: DelightedSuppressionsService,
  ) {}

  @Get(['metrics', 'metrics.json'])
  get(@Auth() auth: AuthContext, @Query() query: Record<string, unknown>) {
    return this.metrics.metrics(auth.workspaceId, query);
  }

  @Get(['unsubscribes', 'unsubscribes.json'])
  unsubscribes(@Auth() auth: AuthContext, @Query() query: Record<string, unknown>) {
    return this.suppressions.listUnsubscribes(auth.workspaceId, query);
  }

  @Post(['unsubscribes', 'unsubscribes.json'])
  @HttpCode(200)
  unsubscribe(@Auth() auth: AuthContext, @Body() body: unknown) {
    return this.suppressions.unsubscribe(auth.workspaceId, asParams(body));
  }

  @Get(['bounces', 'bounces.json'])
  bounces(@Auth() auth: AuthContext, @Query() query: Record<string, unknown>) {
    return this.suppressions.listBounces(auth.workspaceId, query);
  }
}
