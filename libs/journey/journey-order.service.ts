import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { TransactionRunner } from '@cairn/database';
import { StageOrderDto, TouchpointOrderDto } from './journey-order.dto';
import { JourneyRepository } from './journey.repository';
import { JourneyService } from './journey.service';

/**
 * Reordering a journey map (the dashboard's drag and move buttons). Every change
 * runs under the journey's row lock, checks the request against the order it
 * finds there and writes all positions in one statement: two managers
 * reordering at once are applied one after the other, each leaving positions
 * 0…n−1 with every stage and touchpoint exactly once. A request built from a
 * page that no longer matches (a stage added or removed meanwhile) is a 409.
 */
@Injectable()
export class JourneyOrderService {
  constructor(
    private readonly journeys: JourneyRepository,
    private readonly journeyService: JourneyService,
    private readonly transactions: TransactionRunner,
  ) {}

  async orderStages(workspaceId: string, journeyId: string, dto: StageOrderDto) {
    await this.journeyService.get(workspaceId, journeyId);
    await this.transactions.run(async (tx) => {
      await this.journeys.lockJourney(tx, journeyId);
      const current = (await this.journeys.stagesInOrder(tx, journeyId)).map((s) => s.id);
      if (!sameMembers(current, dto.stageIds)) {
        throw new ConflictException("stageIds must list every stage of the journey once: the journey's stages changed, reload it");
      }
      await this.journeys.renumber(tx, dto.stageIds);
    });
    return this.journeyService.get(workspaceId, journeyId);
  }

  async orderTouchpoints(workspaceId: string, stageId: string, dto: TouchpointOrderDto) {
    const stage = await this.journeys.findStage(workspaceId, stageId);
    if (!stage) throw new NotFoundException('Stage not found');
    await this.transactions.run(async (tx) => {
      await this.journeys.lockJourney(tx, stage.journeyId);
      // Read again under the lock: the stage may have been deleted while this request waited.
      if (!(await this.journeys.findStage(workspaceId, stageId, tx))) throw new NotFoundException('Stage not found');
      const all = await this.journeys.touchpointsOfJourney(tx, stage.journeyId);
      const moves = planTouchpointMoves(all, stageId, dto.touchpointIds);
      await this.journeys.placeTouchpoints(tx, stageId, dto.touchpointIds);
      for (const [source, remaining] of moves) await this.journeys.placeTouchpoints(tx, source, remaining);
    });
    return this.journeyService.get(workspaceId, stage.journeyId);
  }

  /**
   * PATCH /touchpoints/:id with stageId and/or position: the touchpoint goes to
   * that 0-based place of the stage (default: its end when it changes stage,
   * where it is otherwise) and the others move along, under the same lock.
   */
  async moveTouchpoint(workspaceId: string, touchpointId: string, stageId: string, position: number | undefined): Promise<void> {
    const stage = await this.journeys.findStage(workspaceId, stageId);
    if (!stage) throw new NotFoundException('Stage not found');
    await this.transactions.run(async (tx) => {
      await this.journeys.lockJourney(tx, stage.journeyId);
      const all = await this.journeys.touchpointsOfJourney(tx, stage.journeyId);
      const current = all.find((t) => t.id === touchpointId);
      if (!current) throw new NotFoundException("Stage not found in this touchpoint's journey");
      const others = all.filter((t) => t.stageId === stageId && t.id !== touchpointId).map((t) => t.id);
      const at = position ?? (current.stageId === stageId ? all.filter((t) => t.stageId === stageId).indexOf(current) : others.length);
      others.splice(Math.min(at, others.length), 0, touchpointId);
      const moves = planTouchpointMoves(all, stageId, others);
      await this.journeys.placeTouchpoints(tx, stageId, others);
      for (const [source, remaining] of moves) await this.journeys.placeTouchpoints(tx, source, remaining);
    });
  }
}

/**
 * Checks a stage's new touchpoint list against the journey's touchpoints (in
 * order) and returns, for each stage that gives touchpoints away, what stays
 * there in order, so that it closes its gap.
 */
export function planTouchpointMoves(all: Array<{ id: string; stageId: string }>, stageId: string, wanted: string[]): Map<string, string[]> {
  const stageOf = new Map(all.map((t) => [t.id, t.stageId]));
  const foreign = wanted.filter((id) => !stageOf.has(id));
  if (foreign.length) throw new UnprocessableEntityException(`Not touchpoints of this journey: ${foreign.join(', ')}`);
  const listed = new Set(wanted);
  if (all.some((t) => t.stageId === stageId && !listed.has(t.id))) {
    throw new ConflictException('touchpointIds must list every touchpoint of the stage: the stage changed, reload the journey');
  }
  const sources = new Set(wanted.map((id) => stageOf.get(id)!).filter((s) => s !== stageId));
  return new Map([...sources].map((source) => [source, all.filter((t) => t.stageId === source && !listed.has(t.id)).map((t) => t.id)]));
}

function sameMembers(a: string[], b: string[]): boolean {
  const set = new Set(a);
  return a.length === b.length && b.every((id) => set.has(id));
}
