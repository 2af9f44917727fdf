import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { SCALES } from '@cairn/scoring';
import { CreateAlertRuleDto, MetricName, UpdateAlertRuleDto } from './alert-rule.dto';
import { toAlertRuleDto } from './alert-rule.mapper';
import { AlertRuleRepository } from './alert-rule.repository';
import { AlertRepository } from './alert.repository';

/** Where a score_drop threshold can lie: NPS points, CSAT percent, CES mean. */
const SCORE_RANGE: Record<MetricName, [number, number]> = { nps: [-100, 100], csat: [0, 100], ces: [1, 7] };
const RESPONSE_ONLY = ['scoreAtMost', 'touchpointIds'] as const;
const DROP_ONLY = ['stageId', 'below', 'windowDays', 'minResponses'] as const;

@Injectable()
export class AlertRuleService {
  constructor(
    private readonly rules: AlertRuleRepository,
    private readonly alertRows: AlertRepository,
  ) {}

  async list(workspaceId: string) {
    const rows = await this.rules.list(workspaceId);
    return { data: rows.map(toAlertRuleDto) };
  }

  async get(workspaceId: string, id: string) {
    return toAlertRuleDto(await this.find(workspaceId, id));
  }

  async create(workspaceId: string, dto: CreateAlertRuleDto) {
    const foreign = (dto.kind === 'response' ? DROP_ONLY : RESPONSE_ONLY).filter((key) => dto[key] !== undefined);
    if (foreign.length) throw new BadRequestException(`${foreign.join(', ')} do not apply to ${dto.kind} rules`);
    const base = { workspaceId, name: dto.name, kind: dto.kind, metric: dto.metric, enabled: dto.enabled ?? true };
    if (dto.kind === 'response') {
      if (dto.scoreAtMost === undefined) throw new BadRequestException('scoreAtMost is required for response rules');
      this.assertScoreAtMost(dto.metric, dto.scoreAtMost);
      const touchpointIds = [...new Set([...(dto.touchpointId ? [dto.touchpointId] : []), ...(dto.touchpointIds ?? [])])];
      await this.assertTouchpoints(workspaceId, touchpointIds);
      const row = await this.rules.create({ ...base, scoreAtMost: dto.scoreAtMost, touchpointIds });
      return toAlertRuleDto(row);
    }
    if (!dto.touchpointId === !dto.stageId) throw new BadRequestException('score_drop rules watch exactly one of touchpointId or stageId');
    if (dto.below === undefined) throw new BadRequestException('below is required for score_drop rules');
    this.assertBelow(dto.metric, dto.below);
    if (dto.touchpointId) await this.assertTouchpoints(workspaceId, [dto.touchpointId]);
    if (dto.stageId && !(await this.rules.stageExists(workspaceId, dto.stageId))) {
      throw new NotFoundException('Stage not found');
    }
    const row = await this.rules.create({
      ...base,
      touchpointId: dto.touchpointId ?? null,
      stageId: dto.stageId ?? null,
      below: dto.below,
      windowDays: dto.windowDays ?? 30,
      minResponses: dto.minResponses ?? 30,
    });
    return toAlertRuleDto(row);
  }

  async update(workspaceId: string, id: string, dto: UpdateAlertRuleDto) {
    const rule = await this.find(workspaceId, id);
    const isResponse = rule.kind === 'response';
    const given = Object.keys(dto).filter((key) => dto[key as keyof UpdateAlertRuleDto] !== undefined);
    const wrong = given.filter((key) =>
      isResponse ? (DROP_ONLY as readonly string[]).includes(key) : key === 'scoreAtMost' || key === 'thresholds',
    );
    if (wrong.length) throw new BadRequestException(`${wrong.join(', ')} do not apply to ${rule.kind} rules`);
    if (dto.thresholds && rule.metric !== null) throw new BadRequestException('thresholds apply to the default rule only; set scoreAtMost');
    if (dto.scoreAtMost !== undefined) {
      if (rule.metric === null) throw new BadRequestException('the default rule has per-metric thresholds; set thresholds');
      this.assertScoreAtMost(rule.metric, dto.scoreAtMost);
    }
    if (dto.below !== undefined) this.assertBelow(rule.metric!, dto.below);
    const changes = dto.thresholds && Object.fromEntries(Object.entries(dto.thresholds).filter(([, v]) => v !== undefined));
    const thresholds = changes ? { ...(rule.thresholds as object), ...changes } : undefined;
    // A changed score_drop condition starts from "not triggered": the next evaluation decides afresh.
    const rearm = !isResponse && (dto.below !== undefined || dto.windowDays !== undefined || dto.minResponses !== undefined);
    const row = await this.rules.update(id, {
      name: dto.name,
      enabled: dto.enabled,
      scoreAtMost: dto.scoreAtMost,
      below: dto.below,
      windowDays: dto.windowDays,
      minResponses: dto.minResponses,
      ...(thresholds ? { thresholds } : {}),
      ...(rearm ? { triggered: false } : {}),
    });
    return toAlertRuleDto(row);
  }

  async delete(workspaceId: string, id: string): Promise<void> {
    const rule = await this.find(workspaceId, id);
    if (rule.isDefault)
      throw new ConflictException('The default detractor rule cannot be deleted; disable it with PATCH { "enabled": false }');
    await this.rules.delete(id);
  }

  async alerts(workspaceId: string, id: string) {
    await this.find(workspaceId, id);
    const rows = await this.alertRows.latestForRule(id);
    return {
      data: rows.map(({ id, kind, ruleId, responseId, value, details, createdAt }) => ({
        id,
        kind,
        ruleId,
        responseId,
        value,
        details,
        createdAt,
      })),
    };
  }

  private async find(workspaceId: string, id: string) {
    const row = await this.rules.find(workspaceId, id);
    if (!row) throw new NotFoundException('Alert rule not found');
    return row;
  }

  private assertScoreAtMost(metric: MetricName, value: number): void {
    const { min, max } = SCALES[metric];
    if (value < min || value > max) throw new BadRequestException(`scoreAtMost must be within the ${metric} scale ${min}–${max}`);
  }

  private assertBelow(metric: MetricName, value: number): void {
    const [min, max] = SCORE_RANGE[metric];
    if (value < min || value > max) throw new BadRequestException(`below must be between ${min} and ${max} for ${metric}`);
  }

  private async assertTouchpoints(workspaceId: string, ids: string[]): Promise<void> {
    if (!ids.length) return;
    const found = await this.rules.countTouchpoints(workspaceId, ids);
    if (found !== ids.length) throw new NotFoundException('Touchpoint not found');
  }
}
