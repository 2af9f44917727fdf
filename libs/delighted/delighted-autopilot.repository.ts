import { Injectable } from '@nestjs/common';
import type { Person, Survey } from '@cairn/database';
import { Prisma, PrismaService, Tx } from '@cairn/database';

export type AutopilotPlatform = 'email' | 'sms';

/** The person property that makes a person a member of a platform's Autopilot (and of its relationship survey's segment). */
export function membershipProperty(platform: AutopilotPlatform): string {
  return `delighted_autopilot_${platform}`;
}

/**
 * Delighted's Autopilot on Cairn's rows: the email platform is a relationship survey of the Delighted journey whose
 * segment is the membership property; members are the people holding that property.
 */
@Injectable()
export class DelightedAutopilotRepository {
  constructor(private readonly prisma: PrismaService) {}

  async lockSetup(tx: Tx, workspaceId: string): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`delighted-autopilot:${workspaceId}`}))`;
  }

  /** The platform's relationship survey (the oldest with its segment), or null before the first member. */
  survey(workspaceId: string, platform: AutopilotPlatform, db: Tx | PrismaService = this.prisma): Promise<Survey | null> {
    return db.survey.findFirst({
      where: { workspaceId, kind: 'relationship', segment: { equals: { [membershipProperty(platform)]: true } } },
      orderBy: { createdAt: 'asc' },
    });
  }

  createSurvey(
    tx: Tx,
    data: { workspaceId: string; journeyId: string; everyDays: number; throttleDays: number; anchor: Date; platform: AutopilotPlatform },
  ) {
    return tx.survey.create({
      data: {
        workspaceId: data.workspaceId,
        kind: 'relationship',
        journeyId: data.journeyId,
        metric: 'nps',
        everyDays: data.everyDays,
        scheduleAnchor: data.anchor,
        throttleDays: data.throttleDays,
        channel: data.platform,
        segment: { [membershipProperty(data.platform)]: true } as Prisma.InputJsonObject,
      },
    });
  }

  /** Members oldest first (by id), after the cursor's id; changed at or after `updatedSince` when given. */
  members(
    workspaceId: string,
    platform: AutopilotPlatform,
    after: string | undefined,
    take: number,
    updatedSince?: Date,
  ): Promise<Person[]> {
    return this.prisma.person.findMany({
      where: {
        workspaceId,
        erasedAt: null,
        properties: { path: [membershipProperty(platform)], equals: true },
        ...(after ? { id: { gt: after } } : {}),
        ...(updatedSince ? { updatedAt: { gte: updatedSince } } : {}),
      },
      orderBy: { id: 'asc' },
      take,
    });
  }

  /** The people's invitations of the survey waiting to be sent or for `fromPeriod` and later: what their next ask depends on. */
  invitations(surveyId: string, personIds: string[], fromPeriod: number) {
    return this.prisma.invitation.findMany({
      where: {
        surveyId,
        personId: { in: personIds },
        OR: [{ periodIndex: { gte: fromPeriod } }, { status: { in: ['scheduled', 'sending'] } }],
      },
      select: { id: true, personId: true, periodIndex: true, status: true, scheduledFor: true, createdAt: true },
    });
  }

  findByEmail(tx: Tx, workspaceId: string, email: string) {
    return tx.person.findFirst({ where: { workspaceId, email: email.trim().toLowerCase(), erasedAt: null } });
  }

  findByPhone(tx: Tx, workspaceId: string, phoneNumber: string) {
    return tx.person.findFirst({ where: { workspaceId, phoneNumber, erasedAt: null } });
  }

  setProperties(tx: Tx, id: string, properties: object): Promise<Person> {
    return tx.person.update({ where: { id }, data: { properties: properties as Prisma.InputJsonObject } });
  }
}
