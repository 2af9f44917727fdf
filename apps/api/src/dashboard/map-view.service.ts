import { Injectable } from '@nestjs/common';
import { ThemeInsightsService } from '@cairn/insights';
import { JourneyService } from '@cairn/journey';
import { PersonaService } from '@cairn/personas';
import { JourneyMapService, MapQuery } from '@cairn/scores';
import { InsightsService } from './insights.service';

/**
 * Everything the dashboard's journey map (its landing page) draws from, read side by side in one request: the map,
 * the journey picker and the filters' choices. Four requests in the browser meant four session checks and four of
 * the browser's six connections on a first load that is still fetching its modules.
 */
@Injectable()
export class MapViewService {
  constructor(
    private readonly journeys: JourneyService,
    private readonly maps: JourneyMapService,
    private readonly insights: InsightsService,
    private readonly personas: PersonaService,
    private readonly themes: ThemeInsightsService,
  ) {}

  async view(workspaceId: string, journeyId: string, query: MapQuery) {
    const [map, journeys, segments, personas, stageThemes] = await Promise.all([
      this.maps.map(workspaceId, journeyId, query),
      this.journeys.list(workspaceId),
      this.insights.segments(workspaceId),
      this.personas.list(workspaceId),
      // After the map: a journey that is not found answers 404 from the map's read, not from this one.
      this.themes.stageThemes(workspaceId, journeyId, query),
    ]);
    return {
      map,
      // The picker needs only names.
      journeys: journeys.data.map((j) => ({ id: j.id, name: j.name })),
      filters: { segments: segments.properties, personas: personas.data },
      // Per stage: its most mentioned comment themes and what each costs or earns (stages without comments absent).
      stageThemes,
    };
  }
}
