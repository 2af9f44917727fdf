import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { AdaptiveBatcher } from '@cairn/common';
import { arrayParam, PG_POOL, PrismaService, utcIsoSql } from '@cairn/database';

// The comment's analysis as a snapshot carries it (comment_analyses as ca), alone or inside the whole snapshot.
const ANALYSIS_JSON = `CASE WHEN ca.response_id IS NULL THEN NULL ELSE json_build_object('language', ca.language,
  'sentiment', json_build_object('score', round(ca.sentiment_score::numeric, 3), 'label', ca.sentiment_label), 'themes', ca.themes) END`;

// One round trip for the answers of a whole dispatch batch: this runs for every response event that has a subscriber.
// Each related row is a sub-select of its own rather than a join: Postgres plans seven joined tables by trying their
// orders, 1-2 ms of planning per call (more than running it), while a sub-select by primary key plans at once.
const related = (table: string, column: string, json: string) => `(SELECT ${json} FROM ${table} x WHERE x.id = r.${column})`;
const SNAPSHOTS_SQL = `
  SELECT r.id, json_build_object(
    'response', json_build_object(
      'id', r.id, 'metric', r.metric, 'score', r.score, 'scale', json_build_object('min', r.scale_min, 'max', r.scale_max),
      'comment', r.comment, 'locale', r.locale, 'source', r.source,
      -- Only while the invitation exists: an answer keeps the id when its month is dropped (partitioned history).
      'invitationId', ${related('invitations', 'invitation_id', 'x.id')}, 'surveyId', r.survey_id,
      'personId', r.person_id, 'touchpointId', r.touchpoint_id, 'stageId', r.stage_id, 'journeyId', r.journey_id,
      'personProperties', r.person_properties, 'createdAt', ${utcIsoSql('r.created_at')}, 'updatedAt', ${utcIsoSql('r.updated_at')},
      -- An analysis made before the answer's last change may be of a comment it no longer has: none until it is redone.
      'analysis', (SELECT ${ANALYSIS_JSON} FROM comment_analyses ca WHERE ca.response_id = r.id AND ca.analysed_at >= r.updated_at)),
    'person', ${related('people', 'person_id', "json_build_object('id', x.id, 'email', x.email, 'name', x.name, 'properties', x.properties)")},
    'touchpoint', ${related('touchpoints', 'touchpoint_id', "json_build_object('id', x.id, 'key', x.key, 'name', x.name, 'channel', x.channel)")},
    'stage', ${related('stages', 'stage_id', "json_build_object('id', x.id, 'name', x.name, 'position', x.position)")},
    'journey', ${related('journeys', 'journey_id', "json_build_object('id', x.id, 'name', x.name)")},
    'survey', ${related('surveys', 'survey_id', "json_build_object('id', x.id, 'kind', x.kind, 'metric', x.metric, 'triggerEvent', x.trigger_event)")}
  ) AS snapshot
  FROM responses r
  WHERE r.id = ANY(${arrayParam(1, 'text')})`;

export interface ResponseSnapshot {
  response: {
    id: string;
    metric: string;
    score: number;
    scale: { min: number; max: number };
    comment: string | null;
    /**
     * The comment's sentiment and themes (comment analysis); null while pending, without a comment, or when made
     * before the answer's last change (an edit's is pending).
     */
    analysis: { language: string; sentiment: { score: number; label: string }; themes: string[] } | null;
    invitationId: string | null;
    createdAt: string;
    [key: string]: unknown;
  };
  person: { id: string; email: string | null; name: string | null; properties: unknown } | null;
  touchpoint: { id: string; key: string; name: string; channel: string } | null;
  stage: { id: string; name: string; position: number } | null;
  journey: { id: string; name: string } | null;
  /** A relationship survey's answer has touchpoint and stage null, `kind: 'relationship'` and no triggerEvent. */
  survey: { id: string; kind: 'touchpoint' | 'relationship'; metric: string; triggerEvent: string | null } | null;
}

/**
 * A response with everything a receiver needs to act on it without calling
 * back: the person, and where in the journey it was given.
 */
@Injectable()
export class ResponseSnapshotRepository {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  load(responseId: string): Promise<ResponseSnapshot | null> {
    return this.snapshots.submit(responseId);
  }

  // The fan-out loads the snapshots of a dispatch batch's events in the same turn: one named statement for them all.
  // Through Prisma, one statement per event was planned afresh every time (its seven joins: ~1 ms of database CPU
  // per event, more than running it; pg_stat_statements under bench/webhooks-bench).
  private readonly snapshots = new AdaptiveBatcher<string, ResponseSnapshot | null>(
    async (ids) => {
      const { rows } = await this.pool.query<{ id: string; snapshot: ResponseSnapshot }>({
        name: 'response-snapshots',
        text: SNAPSHOTS_SQL,
        values: [[...new Set(ids)]],
      });
      const byId = new Map(rows.map((row) => [row.id, row.snapshot]));
      // Two events of one answer (response.created and .detractor) often share a batch: each caller gets its own
      // object, as it did from its own query, since a body's builder fills in a late analysis on the one it holds.
      const handedOut = new Set<string>();
      return ids.map((id) => {
        const snapshot = byId.get(id) ?? null;
        if (snapshot && handedOut.has(id)) return structuredClone(snapshot);
        handedOut.add(id);
        return snapshot;
      });
    },
    { maxInFlight: 2, maxBatch: 100, gatherTurn: true },
  );

  /** Only the analysis of load(): for a snapshot read before its comment was analysed. */
  async analysis(responseId: string): Promise<ResponseSnapshot['response']['analysis']> {
    const rows = await this.prisma.$queryRawUnsafe<Array<{ analysis: ResponseSnapshot['response']['analysis'] }>>(
      `SELECT ${ANALYSIS_JSON} AS analysis FROM comment_analyses ca WHERE ca.response_id = $1`,
      responseId,
    );
    return rows[0]?.analysis ?? null;
  }
}
