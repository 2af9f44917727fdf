import { Injectable, NotFoundException } from '@nestjs/common';
import { TransactionRunner } from '@cairn/database';
import { ListPeopleQueryDto, UpdatePersonDto } from './people.dto';
import { mergeProperties } from './person-properties';
import { toPersonDto } from './person.mapper';
import { PersonQueryRepository } from './person-query.repository';
import { PersonRepository } from './person.repository';

const DEFAULT_LIMIT = 50;

@Injectable()
export class PeopleService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly people: PersonQueryRepository,
    private readonly writes: PersonRepository,
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

  /** Name, locale and phone replace; properties merge (a key set to null is removed). */
  async update(workspaceId: string, id: string, dto: UpdatePersonDto) {
    return this.transactions.run(async (tx) => {
      // The row lock makes concurrent property merges apply one after the other instead of losing one.
      const current = (await this.writes.lockInWorkspace(tx, workspaceId, id)) ? await this.writes.findById(id, tx) : null;
      if (!current) throw new NotFoundException('Person not found');
      const properties = dto.properties ? mergeProperties(current.properties, dto.properties) : undefined;
      const row = await this.writes.update(tx, id, { name: dto.name, locale: dto.locale, phoneNumber: dto.phone, properties });
      return toPersonDto(row);
    });
  }

  async find(workspaceId: string, id: string) {
    const row = await this.people.find(workspaceId, id);
    if (!row) throw new NotFoundException('Person not found');
    return row;
  }
}
