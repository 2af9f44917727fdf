import { Injectable } from '@nestjs/common';
import { emailHash, normalizeEmail } from '@cairn/common';
import { PrismaService, Tx, Prisma } from '@cairn/database';

export interface PeopleFilter {
  email?: string;
  externalId?: string;
  phoneNumber?: string;
  createdFrom?: Date;
  createdTo?: Date;
}

/** Reads of people for the people and Delighted APIs; erased people are never returned. */
@Injectable()
export class PersonQueryRepository {
  constructor(private readonly prisma: PrismaService) {}

  find(workspaceId: string, id: string, db: Tx | PrismaService = this.prisma) {
    return db.person.findFirst({ where: { id, workspaceId, erasedAt: null } });
  }

  findByEmail(workspaceId: string, email: string, db: Tx | PrismaService = this.prisma) {
    return db.person.findFirst({ where: { workspaceId, erasedAt: null, ...emailWhere(email) } });
  }

  findByPhone(workspaceId: string, phoneNumber: string) {
    return this.prisma.person.findFirst({ where: { workspaceId, erasedAt: null, phoneNumber } });
  }

  /** Oldest first, keyset-paginated on the time-ordered id. */
  list(workspaceId: string, filter: PeopleFilter, limit: number, afterId?: string) {
    return this.prisma.person.findMany({
      where: { ...toWhere(workspaceId, filter), ...(afterId ? { id: { gt: afterId } } : {}) },
      orderBy: { id: 'asc' },
      take: limit,
    });
  }

  /** Several people's survey dates at once (last sent, last answered, next scheduled). */
  async surveyDates(personIds: string[]) {
    if (!personIds.length) return new Map<string, SurveyDates>();
    const rows = await this.prisma.$queryRaw<Array<SurveyDates & { personId: string }>>`
      SELECT p.id AS "personId",
        (SELECT max(sent_at) FROM invitations i WHERE i.person_id = p.id) AS "lastSentAt",
        (SELECT max(created_at) FROM responses r WHERE r.person_id = p.id) AS "lastRespondedAt",
        (SELECT min(scheduled_for) FROM invitations i WHERE i.person_id = p.id AND i.status = 'scheduled') AS "nextScheduledAt"
      FROM people p WHERE p.id = ANY(${personIds})`;
    return new Map(rows.map(({ personId, ...dates }) => [personId, dates]));
  }
}

export interface SurveyDates {
  lastSentAt: Date | null;
  lastRespondedAt: Date | null;
  nextScheduledAt: Date | null;
}

/** Addresses are stored normalised, with their hash; both lookups use an index. */
export function emailWhere(email: string): Prisma.PersonWhereInput {
  return { OR: [{ emailHash: emailHash(email) }, { email: normalizeEmail(email) }] };
}

function toWhere(workspaceId: string, filter: PeopleFilter): Prisma.PersonWhereInput {
  const and: Prisma.PersonWhereInput[] = [{ workspaceId, erasedAt: null }];
  if (filter.email) and.push(emailWhere(filter.email));
  if (filter.externalId) and.push({ externalId: filter.externalId });
  if (filter.phoneNumber) and.push({ phoneNumber: filter.phoneNumber });
  if (filter.createdFrom || filter.createdTo) {
    and.push({
      createdAt: { ...(filter.createdFrom ? { gte: filter.createdFrom } : {}), ...(filter.createdTo ? { lte: filter.createdTo } : {}) },
    });
  }
  return { AND: and };
}
