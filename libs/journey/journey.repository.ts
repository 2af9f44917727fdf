import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '@cairn/database';

interface Named {
  name: string;
  description?: string;
}

const WITH_STAGES = {
  stages: {
    orderBy: { position: 'asc' as const },
    include: { touchpoints: { orderBy: [{ position: 'asc' as const }, { createdAt: 'asc' as const }] } },
  },
};

@Injectable()
export class JourneyRepository {
  constructor(private readonly prisma: PrismaService) {}

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

  /** The journey and its stages in the given order; returns the journey's id. */
  async create(tx: Tx, workspaceId: string, input: Named & { stages: Named[] }): Promise<string> {
    const journey = await tx.journey.create({ data: { workspaceId, name: input.name, description: input.description } });
    await tx.stage.createMany({
      data: input.stages.map((stage, position) => ({
        workspaceId,
        journeyId: journey.id,
        name: stage.name,
        description: stage.description,
        position,
      })),
    });
    return journey.id;
  }

  async update(id: string, data: Partial<Named> | { archivedAt: Date }): Promise<void> {
    await this.prisma.journey.update({ where: { id }, data });
  }

  createStage(tx: Tx, data: Named & { workspaceId: string; journeyId: string; position: number }) {
    return tx.stage.create({ data });
  }

  async updateStage(tx: Tx, id: string, data: Partial<Named>): Promise<void> {
    await tx.stage.update({ where: { id }, data });
  }

  stageWithTouchpoints(tx: Tx, id: string) {
    return tx.stage.findUniqueOrThrow({ where: { id }, include: { touchpoints: { orderBy: { position: 'asc' } } } });
  }

  countTouchpointsInStage(tx: Tx, stageId: string): Promise<number> {
    return tx.touchpoint.count({ where: { stageId } });
  }

  async deleteStage(tx: Tx, id: string): Promise<void> {
    await tx.stage.delete({ where: { id } });
  }

  async renumber(tx: Tx, stageIds: string[]): Promise<void> {
    for (const [position, id] of stageIds.entries()) {
      await tx.stage.update({ where: { id }, data: { position } });
    }
  }
}
