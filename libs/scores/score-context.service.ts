import { Injectable, NotFoundException } from '@nestjs/common';
import { type PropertyFilter, type PropertyValue, personaFilters } from './property-filter';
import type { FilterQuery } from './score-query';
import { ScoreTargetRepository } from './score-target.repository';

/** The segment filters of a read: `segment.*` parameters plus the persona's saved filters. */
@Injectable()
export class ScoreContextService {
  constructor(private readonly targets: ScoreTargetRepository) {}

  async filters(workspaceId: string, query: FilterQuery): Promise<PropertyFilter[]> {
    if (query.personaId === null) return query.segments;
    const persona = await this.targets.persona(workspaceId, query.personaId);
    if (!persona) throw new NotFoundException('Persona not found');
    return [...query.segments, ...personaFilters(persona.filters as Record<string, PropertyValue>)];
  }
}
