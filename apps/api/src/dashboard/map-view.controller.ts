import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeController, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, AuthGuard } from '@cairn/auth';
import { Clock, UuidParam } from '@cairn/common';
import { parseMapQuery, RawQuery } from '@cairn/scores';
import { MapViewService } from './map-view.service';

/** The journey map page's one read (dashboard-only, like the other /dashboard reads: not in /docs). */
@ApiExcludeController()
@ApiTags('dashboard')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1/dashboard/map-view')
export class MapViewController {
  constructor(
    private readonly views: MapViewService,
    private readonly clock: Clock,
  ) {}

  /** The map (same query and errors as GET /journeys/:id/map), the journeys for the picker, and the filter choices. */
  @Get(':id')
  view(@Auth() auth: AuthContext, @UuidParam() id: string, @Query() query: RawQuery) {
    return this.views.view(auth.workspaceId, id, parseMapQuery(query, this.clock.now()));
  }
}
