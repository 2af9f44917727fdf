import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { TransactionRunner } from '@cairn/database';
import { CreateJourneyDto, CreateStageDto, UpdateJourneyDto, UpdateStageDto } from './journey.dto';
import { toJourneyDto, toStageDto } from './journey.mapper';
import { JourneyRepository } from './journey.repository';

@Injectable()
export class JourneyService {
  constructor(
    private readonly journeys: JourneyRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  async list(workspaceId: string) {
    return { data: (await this.journeys.list(workspaceId)).map(toJourneyDto) };
  }

  async get(workspaceId: string, id: string) {
    const journey = await this.journeys.find(workspaceId, id);
    if (!journey) throw new NotFoundException('Journey not found');
    return toJourneyDto(journey);
  }

  async create(workspaceId: string, dto: CreateJourneyDto) {
    const id = await this.transactions.run((tx) =>
      this.journeys.create(tx, workspaceId, { name: dto.name, description: dto.description, stages: dto.stages ?? [] }),
    );
    return this.get(workspaceId, id);
  }

  async update(workspaceId: string, id: string, dto: UpdateJourneyDto) {
    await this.get(workspaceId, id);
    await this.journeys.update(id, dto);
    return this.get(workspaceId, id);
  }

  /** Archives: scores and responses of the journey stay for history. */
  async archive(workspaceId: string, id: string): Promise<void> {
    await this.get(workspaceId, id);
    await this.journeys.update(id, { archivedAt: new Date() });
  }

  async addStage(workspaceId: string, journeyId: string, dto: CreateStageDto) {
    await this.get(workspaceId, journeyId);
    const stage = await this.transactions.run(async (tx) => {
      await this.journeys.lockJourney(tx, journeyId);
      const ordered = await this.journeys.stagesInOrder(tx, journeyId);
      const created = await this.journeys.createStage(tx, {
        workspaceId,
        journeyId,
        name: dto.name,
        description: dto.description,
        customerGoal: dto.customerGoal,
        customerActions: dto.customerActions,
        position: ordered.length,
      });
      const ids = ordered.map((s) => s.id);
      ids.splice(Math.min(dto.position ?? ids.length, ids.length), 0, created.id);
      await this.journeys.renumber(tx, ids);
      return this.journeys.stageWithTouchpoints(tx, created.id);
    });
    return toStageDto(stage);
  }

  async updateStage(workspaceId: string, id: string, dto: UpdateStageDto) {
    const existing = await this.journeys.findStage(workspaceId, id);
    if (!existing) throw new NotFoundException('Stage not found');
    const stage = await this.transactions.run(async (tx) => {
      await this.journeys.lockJourney(tx, existing.journeyId);
      await this.journeys.updateStage(tx, id, {
        name: dto.name,
        description: dto.description,
        customerGoal: dto.customerGoal,
        customerActions: dto.customerActions,
      });
      if (dto.position !== undefined) {
        const ids = (await this.journeys.stagesInOrder(tx, existing.journeyId)).map((s) => s.id).filter((s) => s !== id);
        ids.splice(Math.min(dto.position, ids.length), 0, id);
        await this.journeys.renumber(tx, ids);
      }
      return this.journeys.stageWithTouchpoints(tx, id);
    });
    return toStageDto(stage);
  }

  async deleteStage(workspaceId: string, id: string): Promise<void> {
    const existing = await this.journeys.findStage(workspaceId, id);
    if (!existing) throw new NotFoundException('Stage not found');
    await this.transactions.run(async (tx) => {
      await this.journeys.lockJourney(tx, existing.journeyId);
      if (await this.journeys.countTouchpointsInStage(tx, id)) {
        throw new ConflictException('Stage still has touchpoints: move or delete them first');
      }
      await this.journeys.deleteStage(tx, id);
      const ids = (await this.journeys.stagesInOrder(tx, existing.journeyId)).map((s) => s.id);
      await this.journeys.renumber(tx, ids);
    });
  }
}
