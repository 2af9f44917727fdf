import { Injectable, NotFoundException } from '@nestjs/common';
import { PrismaService } from '@cairn/database';
import { Prisma } from '@cairn/database';
import { ListPeopleQueryDto, UpdatePersonDto } from './people.dto';
import { mergeProperties } from './person-properties';
import { toPersonDto } from './person.mapper';
import { PersonQueryRepository } from './person-query.repository';

const DEFAULT_LIMIT = 50;

@Injectable()
export class PeopleService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly people: PersonQueryRepository,
  ) {}

  async list(workspaceId: string, query: ListPeopleQueryDto) {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.people.list(workspaceId, { email: query.email, externalId: query.externalId }, limit + 1, query.cursor);
    const page = rows.slice(0, limit);
    return { data: page.map(toPersonDto), nextCursor: rows.length > limit ? page[page.length - 1].id : null };
  }

  async get(workspaceId: string, id: string) {
    return toPersonDto(await this.find(workspaceId, id));
  }

  /** Name and locale replace; properties merge (a key set to null is removed). */
  async update(workspaceId: string, id: string, dto: UpdatePersonDto) {
    return this.prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<Array<{ id: string }>>`
        SELECT id FROM people WHERE id = ${id} AND workspace_id = ${workspaceId} AND erased_at IS NULL FOR UPDATE`;
      if (!rows.length) throw new NotFoundException('Person not found');
      const current = await tx.person.findUniqueOrThrow({ where: { id } });
      const properties = dto.properties ? (mergeProperties(current.properties, dto.properties) as Prisma.InputJsonObject) : undefined;
      const row = await tx.person.update({ where: { id }, data: { name: dto.name, locale: dto.locale, properties } });
      return toPersonDto(row);
    });
  }

  async find(workspaceId: string, id: string) {
    const row = await this.people.find(workspaceId, id);
    if (!row) throw new NotFoundException('Person not found');
    return row;
  }
}
