import { Injectable } from '@nestjs/common';
import type { Prisma } from '@cairn/database';
import { BULK_WRITE_TIMEOUT_MS, PrismaService, TRANSACTION_MAX_WAIT_MS } from '@cairn/database';
import { PastAnswer, PastAnswerRepository } from '@cairn/responses';

/**
 * The rows of the demo journey. Seeding writes thousands of past answers and
 * hundreds of people, in bulk and around the recorders: the
 * product's own write paths would announce each answer as if it were new.
 */
@Injectable()
export class DemoRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly pastAnswers: PastAnswerRepository,
  ) {}

  /** The journey of that name, a live one before an archived one. */
  findJourney(workspaceId: string, name: string) {
    return this.prisma.journey.findFirst({
      where: { workspaceId, name },
      orderBy: [{ archivedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'asc' }],
      select: { id: true, archivedAt: true },
    });
  }

  createJourney(data: Prisma.JourneyUncheckedCreateInput) {
    return this.prisma.journey.create({ data });
  }

  createStage(data: Prisma.StageUncheckedCreateInput) {
    return this.prisma.stage.create({ data });
  }

  createTouchpoint(data: Prisma.TouchpointUncheckedCreateInput) {
    return this.prisma.touchpoint.create({ data });
  }

  createSurvey(data: Prisma.SurveyUncheckedCreateInput) {
    return this.prisma.survey.create({ data });
  }

  /**
   * Past answers as they are, dates included, in one statement (an import's); the caller rebuilds the rollups
   * afterwards. Prisma's createMany spent ~0.7 ms of CPU a row building the statement (the demo's 4,000: ~2.8 s).
   */
  async insertResponses(answers: PastAnswer[]): Promise<void> {
    await this.prisma.$transaction((tx) => this.pastAnswers.insertMany(tx, answers), {
      maxWait: TRANSACTION_MAX_WAIT_MS,
      timeout: BULK_WRITE_TIMEOUT_MS,
    });
  }

  /** People already seeded by an earlier run are kept as they are. */
  async insertPeople(rows: Prisma.PersonCreateManyInput[]): Promise<void> {
    await this.prisma.person.createMany({ data: rows, skipDuplicates: true });
  }

  /** The newest low NPS answers with a comment: the ones a CX team would be calling back. */
  latestDetractors(journeyId: string, take: number) {
    return this.prisma.response.findMany({
      where: { journeyId, metric: 'nps', score: { lte: 6 }, comment: { not: null } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take,
    });
  }

  defaultRule(workspaceId: string) {
    return this.prisma.alertRule.findFirst({ where: { workspaceId, isDefault: true }, select: { id: true } });
  }

  firstUser(workspaceId: string) {
    return this.prisma.user.findFirst({ where: { workspaceId, disabledAt: null }, orderBy: { createdAt: 'asc' }, select: { email: true } });
  }

  /** A past case as it would be now: its alert (when the workspace has a rule), the case and its notes, in one transaction. */
  async insertCase(
    alert: Prisma.AlertUncheckedCreateInput | null,
    data: Omit<Prisma.CaseUncheckedCreateInput, 'alertId'>,
    notes: Array<{ author: string; body: string; createdAt: Date }>,
  ): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const alertId = alert ? (await tx.alert.create({ data: alert, select: { id: true } })).id : null;
      const { id } = await tx.case.create({ data: { ...data, alertId }, select: { id: true } });
      if (notes.length) await tx.caseNote.createMany({ data: notes.map((n) => ({ ...n, caseId: id })) });
    });
  }

  peopleByEmailDomain(workspaceId: string, domain: string) {
    return this.prisma.person.findMany({ where: { workspaceId, email: { endsWith: domain } } });
  }
}
