import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { Persona } from '@cairn/database';
import { CreatePersonaDto, UpdatePersonaDto } from './persona.dto';
import { PersonaRepository } from './persona.repository';

/** Named segments: saved person-property filters to read scores by (GET /scores?persona=<id>). */
@Injectable()
export class PersonaService {
  constructor(private readonly personas: PersonaRepository) {}

  async list(workspaceId: string) {
    return { data: (await this.personas.list(workspaceId)).map(toPersonaDto) };
  }

  async get(workspaceId: string, id: string) {
    return toPersonaDto(await this.find(workspaceId, id));
  }

  async create(workspaceId: string, dto: CreatePersonaDto) {
    await this.assertNameFree(workspaceId, dto.name);
    return toPersonaDto(await this.personas.create({ workspaceId, ...dto }));
  }

  async update(workspaceId: string, id: string, dto: UpdatePersonaDto) {
    const existing = await this.find(workspaceId, id);
    if (dto.name !== undefined && dto.name !== existing.name) await this.assertNameFree(workspaceId, dto.name);
    return toPersonaDto(await this.personas.update(id, dto));
  }

  async delete(workspaceId: string, id: string): Promise<void> {
    await this.find(workspaceId, id);
    await this.personas.delete(id);
  }

  private async find(workspaceId: string, id: string): Promise<Persona> {
    const persona = await this.personas.find(workspaceId, id);
    if (!persona) throw new NotFoundException('Persona not found');
    return persona;
  }

  // A race between two creates still ends in the unique index (409 from the error filter).
  private async assertNameFree(workspaceId: string, name: string): Promise<void> {
    if (await this.personas.findByName(workspaceId, name)) {
      throw new ConflictException(`A persona named "${name}" already exists`);
    }
  }
}

export function toPersonaDto(p: Persona) {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    goals: p.goals ?? [],
    painPoints: p.painPoints ?? [],
    quote: p.quote,
    filters: p.filters,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}
