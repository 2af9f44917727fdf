import { Injectable } from '@nestjs/common';
import { Prisma, ReadRouter } from '@cairn/database';
import type { Metric } from '@cairn/scoring';
import { type PropertyFilter, candidateObjects } from './property-filter';

export interface ResponseRateRequest {
  workspaceId: string;
  touchpointIds: string[];
  metric: Metric;
  since: Date;
  until: Date;
  filters: PropertyFilter[];
}

/**
 * Emailed surveys only: invitations sent in the range (a cohort), and how
 * many of them were answered, whenever the answer came.
 */
@Injectable()
export class ResponseRateRepository {
  // The pg pool, not Prisma: this runs on every score read (see ScoreCountsRepository).
  constructor(private readonly reads: ReadRouter) {}

  async sentAndResponded(r: ResponseRateRequest): Promise<{ sent: number; responded: number }> {
    if (r.touchpointIds.length === 0) return { sent: 0, responded: 0 };
    // Invitations have no snapshot of the person, so segments use the
    // person's current properties here (erased people have none left).
    const people =
      r.filters.length === 0
        ? Prisma.empty
        : Prisma.sql`
      AND EXISTS (SELECT 1 FROM people p WHERE p.id = i.person_id ${Prisma.join(
        r.filters.map((f) => Prisma.sql`AND p.properties @> ANY(${candidateObjects(f)}::jsonb[])`),
        ' ',
      )})`;
    const sql = Prisma.sql`
      SELECT count(*)::int AS sent, count(x.id)::int AS responded
      FROM invitations i
      JOIN surveys v ON v.id = i.survey_id
      LEFT JOIN responses x ON x.invitation_id = i.id
      WHERE i.workspace_id = ${r.workspaceId} AND v.touchpoint_id = ANY(${r.touchpointIds})
        AND v.metric = ${r.metric}::"Metric"
        AND i.sent_at >= ${r.since.toISOString()}::timestamp AND i.sent_at < ${r.until.toISOString()}::timestamp
        ${people}`;
    const [row] = await this.reads.query<{ sent: number; responded: number }>(sql);
    return row;
  }
}
