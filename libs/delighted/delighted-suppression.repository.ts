import { Injectable } from '@nestjs/common';
import { PrismaService, SuppressionReason } from '@cairn/database';

/** The suppression list as Delighted's unsubscribes.json and bounces.json read it, with the people it names. */
@Injectable()
export class DelightedSuppressionRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Oldest first; entries without an address (erasures keep only the hash) are not listed. */
  page(workspaceId: string, reason: SuppressionReason, created: { gte?: Date; lt?: Date }, page: number, perPage: number) {
    return this.prisma.suppression.findMany({
      where: { workspaceId, reason, email: { not: null }, createdAt: created },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      skip: (page - 1) * perPage,
      take: perPage,
    });
  }

  /** The living people behind these address hashes. */
  people(workspaceId: string, emailHashes: string[]) {
    return this.prisma.person.findMany({
      where: { workspaceId, erasedAt: null, emailHash: { in: emailHashes } },
      select: { id: true, compatId: true, name: true, emailHash: true },
    });
  }
}
