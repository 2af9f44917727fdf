import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '@cairn/database';

interface Named {
  name: string;
  description?: string;
}

/** A stage's map layers: the customer's goal (null clears it) and actions. */
interface StageLayers {
  customerGoal?: string | null;
  customerActions?: string[];
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
  async create(tx: Tx, workspaceId: string, input: Named & { stages: Array<Named & StageLayers> }): Promise<string> {
    const journey = await tx.journey.create({ data: { workspaceId, name: input.name, description: input.description } });
    await tx.stage.createMany({
      data: input.stages.map((stage, position) => ({
        workspaceId,
        journeyId: journey.id,
        name: stage.name,
        description: stage.description,
        customerGoal: stage.customerGoal,
        customerActions: stage.customerActions,
        position,
      })),
    });
    return journey.id;
  }

  async update(id: string, data: Partial<Named> | { archivedAt: Date }): Promise<void> {
    await this.prisma.journey.update({ where: { id }, data });
  }

  createStage(tx: Tx, data: Named & StageLayers & { workspaceId: string; journeyId: string; position: number }) {
    return tx.stage.create({ data });
  }

  async updateStage(tx: Tx, id: string, data: Partial<Named> & StageLayers): Promise<void> {
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

  /** Positions 0…n−1 in the given order, in one statement (under the journey's lock, see lockJourney). */
  async renumber(tx: Tx, stageIds: string[]): Promise<void> {
    if (stageIds.length === 0) return;
    await tx.$executeRaw`
      UPDATE stages s SET position = o.ord - 1, updated_at = (now() AT TIME ZONE 'UTC')
      FROM unnest(${stageIds}::text[]) WITH ORDINALITY AS o(id, ord)
      WHERE s.id = o.id AND s.position <> o.ord - 1`;
  }

  touchpointsOfJourney(tx: Tx, journeyId: string) {
    return tx.touchpoint.findMany({
      where: { journeyId },
      orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
      select: { id: true, stageId: true },
    });
  }

  /**
   * Puts the touchpoints into the stage at positions 0…n−1 in the given order
   * (moving those of other stages into it), in one statement.
   */
  async placeTouchpoints(tx: Tx, stageId: string, touchpointIds: string[]): Promise<void> {
    if (touchpointIds.length === 0) return;
    await tx.$executeRaw`
      UPDATE touchpoints t SET stage_id = ${stageId}, position = o.ord - 1, updated_at = (now() AT TIME ZONE 'UTC')
      FROM unnest(${touchpointIds}::text[]) WITH ORDINALITY AS o(id, ord)
      WHERE t.id = o.id AND (t.stage_id <> ${stageId} OR t.position <> o.ord - 1)`;
  }
}
