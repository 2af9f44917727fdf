import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { type Metric, METRICS, SCORE_RANGES } from '@cairn/scoring';
import { JourneyOrderService } from './journey-order.service';
import { toTouchpointDto } from './journey.mapper';
import { JourneyRepository } from './journey.repository';
import { TouchpointRepository } from './touchpoint.repository';
import { CreateTouchpointDto, UpdateTouchpointDto } from './touchpoint.dto';

@Injectable()
export class TouchpointService {
  constructor(
    private readonly touchpoints: TouchpointRepository,
    private readonly journeys: JourneyRepository,
    private readonly order: JourneyOrderService,
  ) {}

  async list(workspaceId: string, filter: { stageId?: string; journeyId?: string }) {
    const rows = await this.touchpoints.list(workspaceId, filter);
    return { data: rows.map(toTouchpointDto) };
  }

  async get(workspaceId: string, id: string) {
    const row = await this.find(workspaceId, id);
    return toTouchpointDto(row);
  }

  async create(workspaceId: string, dto: CreateTouchpointDto) {
    const stage = await this.journeys.findStage(workspaceId, dto.stageId);
    if (!stage) throw new NotFoundException('Stage not found');
    await this.assertKeyFree(workspaceId, dto.key);
    // A new touchpoint has no survey yet: its target can only be held to the widest scale.
    assertTargetFits(dto.target, []);
    const position = await this.touchpoints.countInStage(stage.id);
    const row = await this.touchpoints.create({ ...dto, workspaceId, journeyId: stage.journeyId, stageId: stage.id, position });
    return toTouchpointDto(row);
  }

  async update(workspaceId: string, id: string, dto: UpdateTouchpointDto) {
    const existing = await this.find(workspaceId, id);
    if (dto.stageId && dto.stageId !== existing.stageId) {
      const stage = await this.journeys.findStage(workspaceId, dto.stageId);
      if (!stage || stage.journeyId !== existing.journeyId) {
        throw new NotFoundException("Stage not found in this touchpoint's journey");
      }
    }
    if (dto.key && dto.key !== existing.key) await this.assertKeyFree(workspaceId, dto.key);
    if (dto.target !== undefined && dto.target !== null) assertTargetFits(dto.target, await this.touchpoints.metrics(id));
    const { stageId, position, ...fields } = dto;
    if (Object.keys(fields).length) await this.touchpoints.update(id, fields);
    // Stage and place go through the journey's ordering, so positions stay 0…n−1 in both stages.
    if (stageId !== undefined || position !== undefined) {
      await this.order.moveTouchpoint(workspaceId, id, stageId ?? existing.stageId, position);
    }
    return this.get(workspaceId, id);
  }

  async delete(workspaceId: string, id: string): Promise<void> {
    await this.find(workspaceId, id);
    const { responses, invitations } = await this.touchpoints.usage(id);
    if (responses || invitations) {
      throw new ConflictException('Touchpoint has responses or invitations; archive its journey or deactivate its surveys instead');
    }
    await this.touchpoints.delete(id);
  }

  async find(workspaceId: string, id: string) {
    const row = await this.touchpoints.find(workspaceId, id);
    if (!row) throw new NotFoundException('Touchpoint not found');
    return row;
  }

  private async assertKeyFree(workspaceId: string, key: string): Promise<void> {
    if (await this.touchpoints.findByKey(workspaceId, key)) {
      throw new ConflictException(`Touchpoint key "${key}" is already used in this workspace`);
    }
  }
}

/**
 * A target is a score on the touchpoint's metric scale (SCORE_RANGES): it must fit every metric the touchpoint is
 * measured by. Without any yet (no survey, no answers) it is held to the widest scale, −100..100, and the map
 * leaves it unjudged on a metric whose scale it does not fit.
 */
export function assertTargetFits(target: number | null | undefined, metrics: Metric[]): void {
  if (target === undefined || target === null) return;
  if (metrics.length === 0) {
    const min = Math.min(...METRICS.map((m) => SCORE_RANGES[m].min));
    const max = Math.max(...METRICS.map((m) => SCORE_RANGES[m].max));
    if (target < min || target > max) {
      throw new UnprocessableEntityException(`target must be a score from ${min} to ${max} (the touchpoint has no survey yet)`);
    }
    return;
  }
  for (const metric of metrics) {
    const { min, max } = SCORE_RANGES[metric];
    if (target < min || target > max) {
      throw new UnprocessableEntityException(
        `target ${target} is outside the ${metric.toUpperCase()} scale of this touchpoint: ${min} to ${max}`,
      );
    }
  }
}
