import { Injectable } from '@nestjs/common';
import type { Prisma } from '@cairn/database';
import { PrismaService } from '@cairn/database';

/**
 * The rows of the demo journey. Seeding writes thousands of past answers and
 * hundreds of people, in bulk (createMany) and around the recorders: the
 * product's own write paths would announce each answer as if it were new.
 */
@Injectable()
export class DemoRepository {
  constructor(private readonly prisma: PrismaService) {}

  findJourney(workspaceId: string, name: string) {
    return this.prisma.journey.findFirst({ where: { workspaceId, name, archivedAt: null } });
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

  /** Past answers as they are, dates included; the caller rebuilds the rollups afterwards. */
  async insertResponses(rows: Prisma.ResponseCreateManyInput[]): Promise<void> {
    await this.prisma.response.createMany({ data: rows });
  }

  /** People already seeded by an earlier run are kept as they are. */
  async insertPeople(rows: Prisma.PersonCreateManyInput[]): Promise<void> {
    await this.prisma.person.createMany({ data: rows, skipDuplicates: true });
  }

  peopleByEmailDomain(workspaceId: string, domain: string) {
    return this.prisma.person.findMany({ where: { workspaceId, email: { endsWith: domain } } });
  }
}
