import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '@cairn/database';

const WITH_STAGES = {
  stages: {
    orderBy: { position: 'asc' as const },
    include: { touchpoints: { orderBy: [{ position: 'asc' as const }, { createdAt: 'asc' as const }] } },
  },
};

@Injectable()
export class JourneyRepository {
  constructor(private readonly prisma: PrismaService) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work);
  }

  list(workspaceId: string) {
    return this.prisma.journey.findMany({
      where: { workspaceId, archivedAt: null },
      orderBy: { createdAt: 'asc' },
      include: WITH_STAGES,
    });
  }

  find(workspaceId: string, id: string, db: Tx | PrismaService = this.prisma) {
    return db.journey.findFirst({ where: { id, workspaceId, archivedAt: null }, include: WITH_STAGES });
  }

  findStage(workspaceId: string, id: string, db: Tx | PrismaService = this.prisma) {
    return db.stage.findFirst({ where: { id, workspaceId, journey: { archivedAt: null } } });
  }

  /** Serialises changes to one journey's stage order. */
  async lockJourney(tx: Tx, journeyId: string): Promise<void> {
    await tx.$queryRaw`SELECT id FROM journeys WHERE id = ${journeyId} FOR UPDATE`;
  }

  stagesInOrder(tx: Tx, journeyId: string) {
    return tx.stage.findMany({ where: { journeyId }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }] });
  }

  async renumber(tx: Tx, stageIds: string[]): Promise<void> {
    for (const [position, id] of stageIds.entries()) {
      await tx.stage.update({ where: { id }, data: { position } });
    }
  }
}
