import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, AuthGuard } from '@cairn/auth';
import { ApiErrors, Clock, UuidParam } from '@cairn/common';
import { DriversResponse, DriversService, parseDriversQuery, RelationshipTrendResponse } from '@cairn/drivers';
import type { RawQuery } from '@cairn/scores';

/** Key drivers of a journey's relationship score; read by every role, like scores. */
@ApiTags('journeys')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@ApiErrors(400, 401, 403, 404)
@Controller('api/v1/journeys')
export class DriversController {
  constructor(
    private readonly drivers: DriversService,
    private readonly clock: Clock,
  ) {}

  @Get(':id/drivers')
  @ApiOperation({ summary: 'Which touchpoints and comment themes move the relationship score (key driver analysis)' })
  @ApiQuery({ name: 'since', required: false })
  @ApiQuery({ name: 'until', required: false })
  @ApiQuery({ name: 'tz', required: false })
  @ApiQuery({
    name: 'windowDays',
    required: false,
    description: 'touchpoint answers this many days before the relationship answer count (default 90)',
  })
  @ApiOkResponse({ type: DriversResponse })
  @ApiErrors(422)
  get(@Auth() auth: AuthContext, @UuidParam() id: string, @Query() query: RawQuery): Promise<DriversResponse> {
    return this.drivers.drivers(auth.workspaceId, id, parseDriversQuery(query, this.clock.now()));
  }

  @Get(':id/relationship-trend')
  @ApiOperation({ summary: 'The relationship score per month, the last 12 (empty series without a relationship survey)' })
  @ApiOkResponse({ type: RelationshipTrendResponse })
  trend(@Auth() auth: AuthContext, @UuidParam() id: string): Promise<RelationshipTrendResponse> {
    return this.drivers.trend(auth.workspaceId, id, this.clock.now());
  }
}
