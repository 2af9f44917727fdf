import { Injectable } from '@nestjs/common';
import type { Metric } from '@cairn/database';
import { PrismaService } from '@cairn/database';

/**
 * Where answers to a survey belong: its metric and the touchpoint, stage and journey it sits in. A relationship
 * survey has no touchpoint or stage; its answers belong to its journey.
 */
export interface SurveyTarget {
  surveyId: string;
  metric: Metric;
  touchpointId: string | null;
  stageId: string | null;
  journeyId: string;
}

/** Surveys looked up by id for answers that name them (imports); only the workspace's own are found. */
@Injectable()
export class SurveyTargetRepository {
  constructor(private readonly prisma: PrismaService) {}

  async findMany(workspaceId: string, surveyIds: string[]): Promise<Map<string, SurveyTarget>> {
    if (!surveyIds.length) return new Map();
    const rows = await this.prisma.$queryRaw<SurveyTarget[]>`
      SELECT s.id AS "surveyId", s.metric::text AS metric, tp.id AS "touchpointId", tp.stage_id AS "stageId",
        COALESCE(tp.journey_id, s.journey_id) AS "journeyId"
      FROM surveys s LEFT JOIN touchpoints tp ON tp.id = s.touchpoint_id
      WHERE s.workspace_id = ${workspaceId} AND s.id = ANY(${surveyIds}::text[])`;
    return new Map(rows.map((row) => [row.surveyId, row]));
  }
}
