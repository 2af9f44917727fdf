import { Injectable } from '@nestjs/common';
import { emailHash, normalizeEmail } from '@cairn/common';
import { PrismaService } from '@cairn/database';
import type { SignedIdentity } from './person-identity.policy';
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
   * The person the site signed for (person-identity.policy), found by that one
   * identifier or created with it. An existing person is never changed, and an
   * unsigned identifier sent alongside is never stored: a publishable key is
   * public, so it must not be able to rewrite or claim anyone's data.
   */
  async findOrCreateSigned(
    workspaceId: string,
    identity: SignedIdentity,
    details: Omit<PublicPersonDto, 'email' | 'externalId' | 'userHash'>,
  ) {
    const email = identity.email !== undefined ? normalizeEmail(identity.email) : undefined;
    const where = email !== undefined ? { workspaceId, email } : { workspaceId, externalId: identity.externalId };
    const existing = await this.prisma.person.findFirst({ where });
    if (existing) return existing;
    try {
      return await this.prisma.person.create({
        data: {
          workspaceId,
          email,
          emailHash: email ? emailHash(email) : undefined,
          externalId: identity.externalId,
          name: details.name,
          locale: details.locale,
          properties: (details.properties ?? {}) as object,
        },
      });
    } catch (error) {
      // Two first answers of one new person at once: the loser reads the winner's row.
      if ((error as { code?: string }).code !== 'P2002') throw error;
      return this.prisma.person.findFirstOrThrow({ where });
    }
  }
}
