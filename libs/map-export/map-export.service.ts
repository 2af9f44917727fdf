import { Injectable } from '@nestjs/common';
import { Clock } from '@cairn/common';
import { JourneyMapService, type MapQuery, ScoreTargetRepository } from '@cairn/scores';
import { BrowserRenderer } from './browser-renderer';
import { mapPrintPage } from './map-print-page';

export type ExportFormat = 'pdf' | 'png';

export interface MapExport {
  body: Buffer;
  contentType: string;
  fileName: string;
}

/** GET /journeys/:id/map.pdf|png: the map as GET /journeys/:id/map reads it, drawn into a print page and rendered. */
@Injectable()
export class MapExportService {
  constructor(
    private readonly maps: JourneyMapService,
    private readonly targets: ScoreTargetRepository,
    private readonly renderer: BrowserRenderer,
    private readonly clock: Clock,
  ) {}

  /** The print page alone (what the renderer is given). */
  async page(workspaceId: string, journeyId: string, q: MapQuery): Promise<{ html: string; journeyName: string }> {
    // The map answers 404 for an unknown journey or persona before anything is drawn.
    const map = await this.maps.map(workspaceId, journeyId, q);
    const persona = q.personaId ? await this.targets.persona(workspaceId, q.personaId) : null;
    return { html: mapPrintPage(map, { persona, generatedAt: this.clock.now() }), journeyName: map.journey.name };
  }

  async render(workspaceId: string, journeyId: string, q: MapQuery, format: ExportFormat): Promise<MapExport> {
    const { html, journeyName } = await this.page(workspaceId, journeyId, q);
    const body = format === 'pdf' ? await this.renderer.pdf(html) : await this.renderer.png(html);
    return { body, contentType: format === 'pdf' ? 'application/pdf' : 'image/png', fileName: `${fileStem(journeyName)}-map.${format}` };
  }
}

/** A header-safe file name: the journey's name in lowercase ASCII words joined by dashes. */
export function fileStem(name: string): string {
  const stem = name
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return stem || 'journey';
}
