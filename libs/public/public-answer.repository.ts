import { Injectable } from '@nestjs/common';
import { emailHash, normalizeEmail } from '../common/crypto.util';
import { PrismaService } from '../database/prisma.service';
import type { PublicPersonDto } from './public-response.dto';

/** Look-ups for in-app answers, which carry a publishable key instead of a token. */
@Injectable()
export class PublicAnswerRepository {
  constructor(private readonly prisma: PrismaService) {}

  workspaceByKey(publishableKey: string) {
    return this.prisma.workspace.findUnique({ where: { publishableKey } });
  }

  /** Whether any workspace lets this origin call; a preflight carries no key to tell which. */
  async originKnown(origin: string): Promise<boolean> {
    const rows = await this.prisma.$queryRaw<unknown[]>`
      SELECT 1 FROM workspaces WHERE ${origin} = ANY(cors_origins) OR '*' = ANY(cors_origins) LIMIT 1`;
    return rows.length > 0;
  }

  /** The touchpoint and its newest active survey (which decides the metric). */
  touchpoint(workspaceId: string, key: string) {
    return this.prisma.touchpoint.findFirst({
      where: { workspaceId, key, journey: { archivedAt: null } },
      include: { surveys: { where: { active: true }, orderBy: { createdAt: 'desc' }, take: 1 } },
    });
  }

  /**
   * Finds the person by external id or email, or creates them. An existing
   * person is never changed: a publishable key is public, so it must not be
   * able to rewrite anyone's data.
   */
  async findOrCreatePerson(workspaceId: string, person: PublicPersonDto) {
    const email = person.email ? normalizeEmail(person.email) : undefined;
    const where = person.externalId ? { workspaceId, externalId: person.externalId } : email ? { workspaceId, email } : null;
    if (!where) return null;
    const existing = await this.prisma.person.findFirst({ where });
    if (existing) return existing;
    try {
      return await this.prisma.person.create({
        data: {
          workspaceId,
          email,
          emailHash: email ? emailHash(email) : undefined,
          externalId: person.externalId,
          name: person.name,
          locale: person.locale,
          properties: (person.properties ?? {}) as object,
        },
      });
    } catch (error) {
      // Two first answers of one new person at once (the loser reads the winner's
      // row), or the email belongs to a person known by another id.
      if ((error as { code?: string }).code !== 'P2002') throw error;
      const either = [person.externalId ? { externalId: person.externalId } : null, email ? { email } : null];
      return this.prisma.person.findFirst({ where: { workspaceId, OR: either.filter((w) => w !== null) } });
    }
  }
}
