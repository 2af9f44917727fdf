import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { Metric } from '@cairn/scoring';
import { chooseMetric, ScoreTargetRepository } from '@cairn/scores';
import { CreateImprovementDto, DEFAULT_WINDOW_DAYS, ListImprovementsQuery, UpdateImprovementDto } from './improvement.dto';
import { ImprovementEffectService } from './improvement-effect.service';
import { ImprovementRepository, type ImprovementRow, type ImprovementWrite } from './improvement.repository';
import { ImprovementListResponse, ImprovementResponse } from './improvement.response';

/** Improvements recorded on touchpoints; every read carries the measured effect once a launch date is set. */
@Injectable()
export class ImprovementService {
  constructor(
    private readonly improvements: ImprovementRepository,
    private readonly targets: ScoreTargetRepository,
    private readonly effects: ImprovementEffectService,
  ) {}

  async list(workspaceId: string, q: ListImprovementsQuery): Promise<ImprovementListResponse> {
    const rows = await this.improvements.list(workspaceId, q);
    const now = new Date();
    return { data: await Promise.all(rows.map((row) => this.present(row, now))) };
  }

  async get(workspaceId: string, id: string): Promise<ImprovementResponse> {
    return this.present(await this.existing(workspaceId, id));
  }

  async create(workspaceId: string, dto: CreateImprovementDto): Promise<ImprovementResponse> {
    const metric = await this.metricFor(workspaceId, dto.touchpointId, dto.metric ?? null);
    const status = dto.status ?? 'planned';
    const row = await this.improvements.create(workspaceId, dto.touchpointId, {
      title: dto.title,
      hypothesis: dto.hypothesis ?? null,
      owner: dto.owner ?? null,
      status,
      launchedAt: launchDate(dto.launchedAt, status, null),
      windowDays: dto.windowDays ?? DEFAULT_WINDOW_DAYS,
      metric,
    });
    return this.present(row);
  }

  async update(workspaceId: string, id: string, dto: UpdateImprovementDto): Promise<ImprovementResponse> {
    const current = await this.existing(workspaceId, id);
    const change: Partial<ImprovementWrite> = {
      title: dto.title,
      hypothesis: dto.hypothesis,
      owner: dto.owner,
      status: dto.status,
      windowDays: dto.windowDays,
    };
    if (dto.metric !== undefined) change.metric = await this.metricFor(workspaceId, current.touchpointId, dto.metric);
    const launched = launchDate(dto.launchedAt, dto.status ?? current.status, current.launchedAt);
    if (launched !== current.launchedAt) change.launchedAt = launched;
    const row = await this.improvements.update(workspaceId, id, change);
    if (!row) throw new NotFoundException('Improvement not found');
    return this.present(row);
  }

  async remove(workspaceId: string, id: string): Promise<void> {
    if (!(await this.improvements.delete(workspaceId, id))) throw new NotFoundException('Improvement not found');
  }

  private async existing(workspaceId: string, id: string): Promise<ImprovementRow> {
    const row = await this.improvements.find(workspaceId, id);
    if (!row) throw new NotFoundException('Improvement not found');
    return row;
  }

  /**
   * The metric asked, which must be one the touchpoint has a survey or answers of (an effect in a metric it is not
   * measured by could only ever read "no answers"), else the touchpoint's only one.
   */
  private async metricFor(workspaceId: string, touchpointId: string, asked: Metric | null): Promise<Metric> {
    const target = await this.targets.resolve(workspaceId, 'touchpoint', touchpointId);
    if (!target) throw new NotFoundException('Touchpoint not found');
    const known = [...new Set(target.touchpoints.flatMap((t) => t.metrics))].sort();
    if (asked && !known.includes(asked)) {
      throw new UnprocessableEntityException(
        known.length
          ? `metric ${asked}: this touchpoint is measured by ${known.join(', ')}`
          : `metric ${asked}: this touchpoint has no survey or answers yet`,
      );
    }
    return chooseMetric(asked, known, 'touchpoint');
  }

  private async present(row: ImprovementRow, now = new Date()): Promise<ImprovementResponse> {
    const effect = row.launchedAt
      ? await this.effects.effect(
          {
            workspaceId: row.workspaceId,
            touchpointId: row.touchpointId,
            journeyId: row.touchpoint.journeyId,
            metric: row.metric,
            launchedAt: row.launchedAt,
            windowDays: row.windowDays,
          },
          now,
        )
      : null;
    return {
      id: row.id,
      touchpointId: row.touchpointId,
      journeyId: row.touchpoint.journeyId,
      title: row.title,
      hypothesis: row.hypothesis,
      owner: row.owner,
      status: row.status,
      metric: row.metric,
      launchedAt: row.launchedAt,
      windowDays: row.windowDays,
      effect,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }
}

/**
 * The launch date to store: the one given (null clears it); else, on moving to `launched` without one, the time of
 * the request — "we launched it today" is what that change says. Otherwise what was stored.
 */
function launchDate(given: string | null | undefined, status: string, current: Date | null): Date | null {
  if (given !== undefined) return given === null ? null : new Date(given);
  if (status === 'launched' && current === null) return new Date();
  return current;
}
