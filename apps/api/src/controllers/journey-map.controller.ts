import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext } from '../../../../libs/auth/auth-context';
import { AuthGuard } from '../../../../libs/auth/auth.guard';
import { Clock } from '../../../../libs/common/clock';
import { JourneyMapService } from '../../../../libs/scores/journey-map.service';
import { parseMapQuery, RawQuery } from '../../../../libs/scores/score-query';

@ApiTags('journeys')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1/journeys')
export class JourneyMapController {
  constructor(
    private readonly maps: JourneyMapService,
    private readonly clock: Clock,
  ) {}

  @Get(':id/map')
  @ApiOperation({ summary: 'Journey map: stages in order, touchpoint scores with trends, and the emotion curve' })
  @ApiQuery({ name: 'since', required: false })
  @ApiQuery({ name: 'until', required: false })
  @ApiQuery({ name: 'tz', required: false })
  @ApiQuery({ name: 'persona', required: false })
  map(@Auth() auth: AuthContext, @Param('id') id: string, @Query() query: RawQuery) {
    return this.maps.map(auth.workspaceId, id, parseMapQuery(query, this.clock.now()));
  }
}
