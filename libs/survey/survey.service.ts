import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { PrismaService } from '@cairn/database';
import { Prisma } from '@cairn/database';
import { TouchpointService } from '@cairn/journey';
import { CreateSurveyDto, UpdateSurveyDto } from './survey.dto';
import { toSurveyDto } from './survey.mapper';

type Texts = Record<string, string> | null | undefined;
const json = (value: Texts) => (value === null ? Prisma.DbNull : value);

@Injectable()
export class SurveyService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly touchpoints: TouchpointService,
  ) {}

  async list(workspaceId: string, filter: { touchpointId?: string }) {
    const rows = await this.prisma.survey.findMany({ where: { workspaceId, ...filter }, orderBy: { createdAt: 'asc' } });
    return { data: rows.map(toSurveyDto) };
  }

  async get(workspaceId: string, id: string) {
    return toSurveyDto(await this.find(workspaceId, id));
  }

  async create(workspaceId: string, dto: CreateSurveyDto) {
    await this.touchpoints.find(workspaceId, dto.touchpointId);
    const row = await this.prisma.survey.create({
      data: {
        workspaceId,
        touchpointId: dto.touchpointId,
        metric: dto.metric,
        triggerEvent: dto.trigger.event,
        delaySeconds: dto.trigger.delaySeconds ?? 0,
        question: json(dto.question),
        commentPrompt: json(dto.commentPrompt),
        subject: json(dto.subject),
        reminderAfterSeconds: dto.reminderAfterSeconds ?? null,
        throttleDays: dto.throttleDays,
        expiresAfterSeconds: dto.expiresAfterSeconds,
        active: dto.active,
      },
    });
    return toSurveyDto(row);
  }

  async update(workspaceId: string, id: string, dto: UpdateSurveyDto) {
    await this.find(workspaceId, id);
    const row = await this.prisma.survey.update({
      where: { id },
      data: {
        triggerEvent: dto.trigger?.event,
        delaySeconds: dto.trigger?.delaySeconds,
        question: json(dto.question),
        commentPrompt: json(dto.commentPrompt),
        subject: json(dto.subject),
        reminderAfterSeconds: dto.reminderAfterSeconds,
        throttleDays: dto.throttleDays,
        expiresAfterSeconds: dto.expiresAfterSeconds,
        active: dto.active,
      },
    });
    return toSurveyDto(row);
  }

  async delete(workspaceId: string, id: string): Promise<void> {
    await this.find(workspaceId, id);
    if (await this.prisma.invitation.count({ where: { surveyId: id } })) {
      throw new ConflictException('Survey has invitations; set active to false instead');
    }
    await this.prisma.survey.delete({ where: { id } });
  }

  private async find(workspaceId: string, id: string) {
    const row = await this.prisma.survey.findFirst({ where: { id, workspaceId } });
    if (!row) throw new NotFoundException('Survey not found');
    return row;
  }
}
