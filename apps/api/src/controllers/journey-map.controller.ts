import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, AuthGuard } from '@cairn/auth';
import { Clock, ApiErrors, UuidParam } from '@cairn/common';
import { JourneyMapService, parseMapQuery, RawQuery, JourneyMapResponse } from '@cairn/scores';

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
  @ApiQuery({ name: 'personaId', required: false, description: "read with that persona's filters" })
  @ApiQuery({ name: 'persona', required: false, description: 'the older name of personaId' })
  @ApiOkResponse({ type: JourneyMapResponse })
  @ApiErrors(400, 401, 403, 404)
  map(@Auth() auth: AuthContext, @UuidParam() id: string, @Query() query: RawQuery): Promise<JourneyMapResponse> {
    return this.maps.map(auth.workspaceId, id, parseMapQuery(query, this.clock.now()));
  }
}
