import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { TouchpointService } from '@cairn/journey';
import { CreateSurveyDto, UpdateSurveyDto } from './survey.dto';
import { toSurveyDto } from './survey.mapper';
import { SurveyRepository } from './survey.repository';

@Injectable()
export class SurveyService {
  constructor(
    private readonly surveys: SurveyRepository,
    private readonly touchpoints: TouchpointService,
  ) {}

  async list(workspaceId: string, filter: { touchpointId?: string }) {
    const rows = await this.surveys.list(workspaceId, filter);
    return { data: rows.map(toSurveyDto) };
  }

  async get(workspaceId: string, id: string) {
    return toSurveyDto(await this.find(workspaceId, id));
  }

  async create(workspaceId: string, dto: CreateSurveyDto) {
    await this.touchpoints.find(workspaceId, dto.touchpointId);
    const row = await this.surveys.create({
      workspaceId,
      touchpointId: dto.touchpointId,
      metric: dto.metric,
      triggerEvent: dto.trigger.event,
      delaySeconds: dto.trigger.delaySeconds ?? 0,
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

  async update(workspaceId: string, id: string, dto: UpdateSurveyDto) {
    await this.find(workspaceId, id);
    const row = await this.surveys.update(id, {
      triggerEvent: dto.trigger?.event,
      delaySeconds: dto.trigger?.delaySeconds,
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
