import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { Clock } from '@cairn/common';
import { JourneyService, TouchpointService } from '@cairn/journey';
import { CreateSurveyDto, UpdateSurveyDto } from './survey.dto';
import { toSurveyDto } from './survey.mapper';
import { SurveyRepository } from './survey.repository';

/** The schema's default throttle of a survey. */
const DEFAULT_THROTTLE_DAYS = 30;

@Injectable()
export class SurveyService {
  constructor(
    private readonly surveys: SurveyRepository,
    private readonly touchpoints: TouchpointService,
    private readonly journeys: JourneyService,
    private readonly clock: Clock,
  ) {}

  async list(workspaceId: string, filter: { touchpointId?: string }) {
    const rows = await this.surveys.list(workspaceId, filter);
    return { data: rows.map(toSurveyDto) };
  }

  async get(workspaceId: string, id: string) {
    return toSurveyDto(await this.find(workspaceId, id));
  }

  async create(workspaceId: string, dto: CreateSurveyDto) {
    if (dto.kind === 'relationship') return this.createRelationship(workspaceId, dto);
    const foreign = (['journeyId', 'schedule', 'segment'] as const).filter((field) => dto[field] !== undefined);
    if (foreign.length) throw new BadRequestException(`${foreign.join(', ')}: only relationship surveys take these`);
    // The DTO requires both unless kind is relationship.
    const touchpointId = dto.touchpointId as string;
    const trigger = dto.trigger as NonNullable<CreateSurveyDto['trigger']>;
    await this.touchpoints.find(workspaceId, touchpointId);
    const row = await this.surveys.create({
      workspaceId,
      touchpointId,
      metric: dto.metric,
      triggerEvent: trigger.event,
      delaySeconds: trigger.delaySeconds ?? 0,
      channel: dto.channel,
      question: dto.question,
      commentPrompt: dto.commentPrompt,
      subject: dto.subject,
      reminderAfterSeconds: dto.reminderAfterSeconds ?? null,
      throttleDays: dto.throttleDays,
      expiresAfterSeconds: dto.expiresAfterSeconds,
      active: dto.active,
    });
    return toSurveyDto(row);
  }

  /** Asked on a schedule instead of an event; period 0 starts now (the scheduler in @cairn/distribution reads these columns). */
  private async createRelationship(workspaceId: string, dto: CreateSurveyDto) {
    const foreign = (['touchpointId', 'trigger'] as const).filter((field) => dto[field] !== undefined);
    if (foreign.length) throw new BadRequestException(`${foreign.join(', ')}: a relationship survey has no touchpoint or trigger`);
    const journeyId = dto.journeyId as string;
    const schedule = dto.schedule as NonNullable<CreateSurveyDto['schedule']>;
    // A person's asks in consecutive periods are exactly everyDays apart: a longer throttle would refuse every second one.
    if (dto.throttleDays !== undefined && dto.throttleDays >= schedule.everyDays) {
      throw new BadRequestException('throttleDays must be below schedule.everyDays, or the survey throttles its own next ask');
    }
    await this.journeys.get(workspaceId, journeyId);
    const row = await this.surveys.createRelationship({
      workspaceId,
      journeyId,
      metric: dto.metric,
      everyDays: schedule.everyDays,
      scheduleAnchor: this.clock.now(),
      segment: dto.segment ?? null,
      channel: dto.channel,
      question: dto.question,
      commentPrompt: dto.commentPrompt,
      subject: dto.subject,
      reminderAfterSeconds: dto.reminderAfterSeconds ?? null,
      throttleDays: dto.throttleDays ?? Math.min(DEFAULT_THROTTLE_DAYS, schedule.everyDays - 1),
      expiresAfterSeconds: dto.expiresAfterSeconds,
      active: dto.active,
    });
    return toSurveyDto(row);
  }

  async update(workspaceId: string, id: string, dto: UpdateSurveyDto) {
    const existing = await this.find(workspaceId, id);
    if (existing.kind === 'relationship' && dto.trigger) throw new BadRequestException('trigger: a relationship survey has no trigger');
    if (existing.everyDays !== null && dto.throttleDays !== undefined && dto.throttleDays >= existing.everyDays) {
      throw new BadRequestException('throttleDays must be below schedule.everyDays, or the survey throttles its own next ask');
    }
    const row = await this.surveys.update(id, {
      triggerEvent: dto.trigger?.event,
      delaySeconds: dto.trigger?.delaySeconds,
      channel: dto.channel,
      question: dto.question,
      commentPrompt: dto.commentPrompt,
      subject: dto.subject,
      reminderAfterSeconds: dto.reminderAfterSeconds,
      throttleDays: dto.throttleDays,
      expiresAfterSeconds: dto.expiresAfterSeconds,
      active: dto.active,
    });
    return toSurveyDto(row);
  }

  async delete(workspaceId: string, id: string): Promise<void> {
    await this.find(workspaceId, id);
    if (await this.surveys.countInvitations(id)) {
      throw new ConflictException('Survey has invitations; set active to false instead');
    }
    await this.surveys.delete(id);
  }

  private async find(workspaceId: string, id: string) {
    const row = await this.surveys.find(workspaceId, id);
    if (!row) throw new NotFoundException('Survey not found');
    return row;
  }
}
