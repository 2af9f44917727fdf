import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@cairn/database';
import type { Metric, SurveyChannel } from '@cairn/database';

type Texts = Record<string, string> | null | undefined;
// A text set to null is cleared (SQL NULL); undefined leaves the column as it is.
const json = (value: Texts) => (value === null ? Prisma.DbNull : value);

/** The columns a survey's owner may change; undefined leaves a column unchanged. */
export interface SurveyChanges {
  channel?: SurveyChannel;
  triggerEvent?: string;
  delaySeconds?: number;
  question?: Texts;
  commentPrompt?: Texts;
  subject?: Texts;
  reminderAfterSeconds?: number | null;
  throttleDays?: number;
  expiresAfterSeconds?: number;
  active?: boolean;
}

@Injectable()
export class SurveyRepository {
  constructor(private readonly prisma: PrismaService) {}

  list(workspaceId: string, filter: { touchpointId?: string }) {
    return this.prisma.survey.findMany({ where: { workspaceId, ...filter }, orderBy: { createdAt: 'asc' } });
  }

  find(workspaceId: string, id: string) {
    return this.prisma.survey.findFirst({ where: { id, workspaceId } });
  }

  create(data: SurveyChanges & { workspaceId: string; touchpointId: string; metric: Metric; triggerEvent: string }) {
    return this.prisma.survey.create({ data: this.columns(data) });
  }

  /** A relationship survey: a journey and a schedule, no touchpoint and no trigger. */
  createRelationship(
    data: SurveyChanges & {
      workspaceId: string;
      journeyId: string;
      metric: Metric;
      everyDays: number;
      scheduleAnchor: Date;
      segment: Record<string, string | number | boolean> | null;
    },
  ) {
    const { segment, ...rest } = data;
    return this.prisma.survey.create({
      data: { ...this.columns(rest), kind: 'relationship', segment: segment ?? Prisma.DbNull },
    });
  }

  update(id: string, changes: SurveyChanges) {
    return this.prisma.survey.update({ where: { id }, data: this.columns(changes) });
  }

  countInvitations(surveyId: string): Promise<number> {
    return this.prisma.invitation.count({ where: { surveyId } });
  }

  async delete(id: string): Promise<void> {
    await this.prisma.survey.delete({ where: { id } });
  }

  private columns<T extends SurveyChanges>(data: T) {
    return { ...data, question: json(data.question), commentPrompt: json(data.commentPrompt), subject: json(data.subject) };
  }
}
