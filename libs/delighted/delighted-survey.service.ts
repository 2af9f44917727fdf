import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '@cairn/database';

export const DELIGHTED_TOUCHPOINT_KEY = 'delighted';
export const DELIGHTED_TRIGGER = 'delighted.person.created';
const NAME = 'Delighted';

const WITH_TOUCHPOINT = { touchpoint: true } as const;

/**
 * The survey that Delighted's API feeds: the workspace's delightedSurveyId,
 * or else an NPS survey on a touchpoint `delighted` (journey and stage
 * "Delighted"), created on first use and remembered on the workspace.
 */
@Injectable()
export class DelightedSurveyService {
  constructor(private readonly prisma: PrismaService) {}

  async resolve(workspaceId: string) {
    const existing = await this.configured(this.prisma, workspaceId);
    if (existing) return existing;
    return this.prisma.$transaction(async (tx) => {
      // Two first calls at once must not create two surveys.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`delighted-survey:${workspaceId}`}))`;
      const again = await this.configured(tx, workspaceId);
      if (again) return again;
      const touchpoint = await this.touchpoint(tx, workspaceId);
      const survey =
        (await tx.survey.findFirst({
          where: { touchpointId: touchpoint.id, triggerEvent: DELIGHTED_TRIGGER },
          include: WITH_TOUCHPOINT,
        })) ??
        (await tx.survey.create({
          data: { workspaceId, touchpointId: touchpoint.id, metric: 'nps', triggerEvent: DELIGHTED_TRIGGER, delaySeconds: 0 },
          include: WITH_TOUCHPOINT,
        }));
      await tx.workspace.update({ where: { id: workspaceId }, data: { delightedSurveyId: survey.id } });
      return survey;
    });
  }

  /** The touchpoint Delighted's API reads: a `trend` (touchpoint id or key) or the Delighted survey's. */
  async scope(workspaceId: string, trend: string | undefined) {
    if (!trend) return (await this.resolve(workspaceId)).touchpoint;
    return this.prisma.touchpoint.findFirst({ where: { workspaceId, OR: [{ id: trend }, { key: trend }] } });
  }

  private async configured(db: Tx | PrismaService, workspaceId: string) {
    const workspace = await db.workspace.findUnique({ where: { id: workspaceId }, select: { delightedSurveyId: true } });
    if (!workspace?.delightedSurveyId) return null;
    return db.survey.findFirst({ where: { id: workspace.delightedSurveyId, workspaceId }, include: WITH_TOUCHPOINT });
  }

  private async touchpoint(tx: Tx, workspaceId: string) {
    const found = await tx.touchpoint.findUnique({ where: { workspaceId_key: { workspaceId, key: DELIGHTED_TOUCHPOINT_KEY } } });
    if (found) return found;
    const journey =
      (await tx.journey.findFirst({ where: { workspaceId, name: NAME, archivedAt: null }, include: { stages: true } })) ??
      (await tx.journey.create({
        data: {
          workspaceId,
          name: NAME,
          description: 'Created for the Delighted-compatible API',
          stages: { create: [{ workspaceId, name: NAME, position: 0 }] },
        },
        include: { stages: true },
      }));
    const stage = journey.stages[0] ?? (await tx.stage.create({ data: { workspaceId, journeyId: journey.id, name: NAME, position: 0 } }));
    return tx.touchpoint.create({
      data: { workspaceId, journeyId: journey.id, stageId: stage.id, name: NAME, key: DELIGHTED_TOUCHPOINT_KEY, channel: 'email' },
    });
  }
}
