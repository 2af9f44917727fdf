import { Injectable } from '@nestjs/common';
import { lowerRetentionMarks, Tx } from '@cairn/database';
import { SCALES } from '@cairn/scoring';
import type { AnswerTarget } from './response-recorder.service';

/** An answer given in the past (an import, Delighted's `created_at`), as it is stored. */
export interface PastAnswer {
  id: string;
  target: AnswerTarget;
  score: number;
  comment: string | null;
  createdAt: Date;
  /** Dedupe key of the source system (unique in the workspace), or null. */
  externalId: string | null;
  /** The numeric id of the Delighted-compatible API (Delighted's own, kept by an import); unset = the next of the sequence. */
  compatId?: bigint | null;
  /** Delighted's tags and answers to additional questions; unset = none. */
  tags?: string[];
  additionalAnswers?: unknown[];
}

/**
 * Inserts back-dated responses, many rows in one statement (columns as
 * arrays through unnest): an import of 5,000 answers is one round trip, not
 * 5,000. No invitation and no edit window: these answers are final.
 */
@Injectable()
export class PastAnswerRepository {
  async insertMany(tx: Tx, answers: PastAnswer[]): Promise<void> {
    if (!answers.length) return;
    const column = <T>(pick: (a: PastAnswer) => T) => answers.map(pick);
    // Timestamps go in as UTC text cast to `timestamp`, the column's type, so the session's zone never shifts them.
    await tx.$executeRaw`
      INSERT INTO responses (id, workspace_id, survey_id, person_id, touchpoint_id, stage_id, journey_id, metric,
        scale_min, scale_max, score, comment, locale, source, person_properties, external_id, created_at, updated_at,
        compat_id, tags, additional_answers)
      SELECT x.id, x.workspace_id, x.survey_id, x.person_id, x.touchpoint_id, x.stage_id, x.journey_id, x.metric,
        x.scale_min, x.scale_max, x.score, x.comment, x.locale, x.source, x.person_properties, x.external_id, x.at, x.at,
        COALESCE(x.compat_id, nextval('responses_compat_id_seq')), ARRAY(SELECT jsonb_array_elements_text(x.tags)),
        x.additional_answers
      FROM unnest(${column((a) => a.id)}::text[], ${column((a) => a.target.workspaceId)}::text[],
        ${column((a) => a.target.surveyId)}::text[], ${column((a) => a.target.personId)}::text[],
        ${column((a) => a.target.touchpointId)}::text[], ${column((a) => a.target.stageId)}::text[],
        ${column((a) => a.target.journeyId)}::text[], ${column((a) => a.target.metric)}::"Metric"[],
        ${column((a) => SCALES[a.target.metric].min)}::int[], ${column((a) => SCALES[a.target.metric].max)}::int[],
        ${column((a) => a.score)}::int[], ${column((a) => a.comment)}::text[], ${column((a) => a.target.locale)}::text[],
        ${column((a) => a.target.source)}::"ResponseSource"[], ${column((a) => JSON.stringify(a.target.personProperties))}::jsonb[],
        ${column((a) => a.externalId)}::text[], ${column((a) => a.createdAt.toISOString())}::timestamp[],
        ${column((a) => (a.compatId == null ? null : a.compatId.toString()))}::bigint[],
        ${column((a) => JSON.stringify(a.tags ?? []))}::jsonb[], ${column((a) => JSON.stringify(a.additionalAnswers ?? []))}::jsonb[])
        AS x(id, workspace_id, survey_id, person_id, touchpoint_id, stage_id, journey_id, metric, scale_min, scale_max,
          score, comment, locale, source, person_properties, external_id, at, compat_id, tags, additional_answers)`;
    // Back-dated: some may be older than what retention has already anonymised.
    await tx.$executeRaw(lowerRetentionMarks(answers.map((a) => ({ workspaceId: a.target.workspaceId, createdAt: a.createdAt })))!);
  }

  /** The responses already stored under these external ids in the workspace: external id → response id. */
  async findByExternalIds(tx: Tx, workspaceId: string, externalIds: string[]): Promise<Map<string, string>> {
    if (!externalIds.length) return new Map();
    const rows = await tx.$queryRaw<Array<{ id: string; externalId: string }>>`
      SELECT id, external_id AS "externalId" FROM responses
      WHERE workspace_id = ${workspaceId} AND external_id = ANY(${externalIds}::text[])`;
    return new Map(rows.map((row) => [row.externalId, row.id]));
  }
}
