import { Injectable } from '@nestjs/common';
import type { Metric, Survey, Touchpoint } from '@cairn/database';
import { PrismaService, Tx } from '@cairn/database';

const WITH_TOUCHPOINT = { touchpoint: true } as const;
const WITH_STAGES = { stages: true } as const;

/** The Delighted survey is always a touchpoint survey: its touchpoint and trigger are set. */
export type DelightedSurvey = Survey & { touchpointId: string; triggerEvent: string; touchpoint: Touchpoint };

/** Narrows a row read with its touchpoint; only this repository's createSurvey writes the Delighted survey. */
function delightedSurvey(row: Survey & { touchpoint: Touchpoint | null }): DelightedSurvey;
function delightedSurvey(row: (Survey & { touchpoint: Touchpoint | null }) | null): DelightedSurvey | null;
function delightedSurvey(row: (Survey & { touchpoint: Touchpoint | null }) | null): DelightedSurvey | null {
  if (!row) return null;
  if (!row.touchpoint || row.touchpointId === null || row.triggerEvent === null) {
    throw new Error(`survey ${row.id} is not a touchpoint survey and cannot be the Delighted survey`);
  }
  return row as DelightedSurvey;
}

/** The Delighted survey's rows: the workspace's pointer to it and the journey, stage and touchpoint it sits on. */
@Injectable()
export class DelightedSurveyRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Held to the end of the transaction: two first calls at once must not create two surveys. */
  async lockSetup(tx: Tx, workspaceId: string): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`delighted-survey:${workspaceId}`}))`;
  }

  /** The survey the workspace remembers as its Delighted survey, with its touchpoint. */
  async configured(workspaceId: string, db: Tx | PrismaService = this.prisma): Promise<DelightedSurvey | null> {
    const workspace = await db.workspace.findUnique({ where: { id: workspaceId }, select: { delightedSurveyId: true } });
    if (!workspace?.delightedSurveyId) return null;
    return delightedSurvey(
      await db.survey.findFirst({ where: { id: workspace.delightedSurveyId, workspaceId }, include: WITH_TOUCHPOINT }),
    );
  }

  async remember(tx: Tx, workspaceId: string, surveyId: string): Promise<void> {
    await tx.workspace.update({ where: { id: workspaceId }, data: { delightedSurveyId: surveyId } });
  }

  findTouchpoint(tx: Tx, workspaceId: string, key: string) {
    return tx.touchpoint.findUnique({ where: { workspaceId_key: { workspaceId, key } } });
  }

  /** A touchpoint named by its id or its key. */
  findTouchpointByIdOrKey(workspaceId: string, idOrKey: string) {
    return this.prisma.touchpoint.findFirst({ where: { workspaceId, OR: [{ id: idOrKey }, { key: idOrKey }] } });
  }

  findJourney(tx: Tx, workspaceId: string, name: string) {
    return tx.journey.findFirst({ where: { workspaceId, name, archivedAt: null }, include: WITH_STAGES });
  }

  /** A journey with its one stage of the same name. */
  createJourney(tx: Tx, workspaceId: string, name: string, description: string) {
    return tx.journey.create({
      data: { workspaceId, name, description, stages: { create: [{ workspaceId, name, position: 0 }] } },
      include: WITH_STAGES,
    });
  }

  createStage(tx: Tx, data: { workspaceId: string; journeyId: string; name: string; position: number }) {
    return tx.stage.create({ data });
  }

  createTouchpoint(tx: Tx, data: { workspaceId: string; journeyId: string; stageId: string; name: string; key: string; channel: 'email' }) {
    return tx.touchpoint.create({ data });
  }

  async findSurvey(tx: Tx, touchpointId: string, triggerEvent: string): Promise<DelightedSurvey | null> {
    return delightedSurvey(await tx.survey.findFirst({ where: { touchpointId, triggerEvent }, include: WITH_TOUCHPOINT }));
  }

  async createSurvey(
    tx: Tx,
    data: {
      workspaceId: string;
      touchpointId: string;
      metric: Metric;
      triggerEvent: string;
      delaySeconds: number;
      channel?: 'email' | 'sms';
    },
  ): Promise<DelightedSurvey> {
    return delightedSurvey(await tx.survey.create({ data, include: WITH_TOUCHPOINT }));
  }
}
