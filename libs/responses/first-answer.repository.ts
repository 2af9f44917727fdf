import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { arrayParam, HistoryLayout, PG_POOL } from '@cairn/database';
import type { Response } from '@cairn/database';
import type { OutboxRowValues } from '@cairn/outbox';
import { ANSWER_TARGET_SELECT } from './answer-target.sql';
import type { LockedInvitation } from './response.repository';

/** A first answer as the statement writes it: the response and its outbox rows. */
export interface FirstAnswer {
  response: Response;
  events: OutboxRowValues[];
}

// Timestamps go in as UTC text and come out as timestamptz: node-postgres would read a bare `timestamp` in the process's zone.
const AT = (param: string) => `${param}::timestamptz AT TIME ZONE 'UTC'`;

/**
 * The hot path of answering, on the process's pg pool rather than the ORM:
 * one read, then one statement that writes the response, marks the
 * invitation, adds the outbox rows and appends the rollup delta. No
 * interactive transaction (no round trips while locks are held) and no shared
 * row updated (rollups are folded later), so answers to one popular
 * touchpoint do not queue behind each other. Both statements are named
 * (prepared once per connection): planning the six-table join cost 3 ms of
 * database CPU per answer, more than running it.
 */
@Injectable()
export class FirstAnswerRepository {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly layout: HistoryLayout,
  ) {}

  /** The invitations behind response tokens, by token hash, with everything an answer needs; read without a lock. */
  async findByTokenHashes(tokenHashes: string[]): Promise<Map<string, LockedInvitation>> {
    const { rows } = (await this.layout.partitioned())
      ? await this.pool.query<LockedInvitation>({
          name: 'first-answer-find-many-partitioned',
          text: `${ANSWER_TARGET_SELECT}
           WHERE t.token_hash = ANY(${arrayParam(1, 'text')}) AND t.kind = 'response' AND i.id = ANY($2::text[])`,
          values: [tokenHashes, await this.invitationIds(tokenHashes)],
        })
      : await this.pool.query<LockedInvitation>({
          name: 'first-answer-find-many',
          text: `${ANSWER_TARGET_SELECT}
           WHERE t.token_hash = ANY(${arrayParam(1, 'text')}) AND t.kind = 'response'`,
          values: [tokenHashes],
        });
    return new Map(rows.map((row) => [row.tokenHash, row]));
  }

  /**
   * Partitioned invitations: a statement prepared once runs a generic plan, and it opens and locks only the months
   * that its parameters name (pruning at executor start); a join on the token's invitation id would prune only
   * while running, after every month's partition was locked and set up — about half of the read's cost at three
   * years of months. So the ids come first, from the unpartitioned tokens, as parameters.
   */
  private async invitationIds(tokenHashes: string[]): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>({
      name: 'first-answer-invitation-ids',
      text: `SELECT invitation_id AS id FROM invitation_tokens WHERE token_hash = ANY(${arrayParam(1, 'text')}) AND kind = 'response'`,
      values: [tokenHashes],
    });
    return rows.map((r) => r.id);
  }

  /** The invitation with everything an answer needs, by its id (a click counted later knows no token); read without a lock. */
  async findByInvitationId(invitationId: string): Promise<LockedInvitation | null> {
    const { rows } = await this.pool.query<LockedInvitation>({
      text: `${ANSWER_TARGET_SELECT}
       WHERE i.id = $1 AND t.kind = 'response'`,
      values: [invitationId],
    });
    return rows[0] ?? null;
  }

  /**
   * Records the first answer if the invitation, locked and re-read, still
   * takes one (not answered, cancelled, expired or erased meanwhile); false
   * otherwise, and nothing is written. The response's unique invitation id is
   * the last guard of "one response per invitation".
   */
  async record(answer: FirstAnswer): Promise<boolean> {
    const [recorded] = await this.recordMany([answer]);
    return recorded;
  }

  /**
   * `record` for several first answers in one statement (one transaction):
   * true for each answer that was recorded, in order. Invitations must be
   * distinct within a call. An invitation that no longer takes an answer
   * leaves its answer out and the others in; any error fails the whole call.
   */
  async recordMany(answers: FirstAnswer[]): Promise<boolean[]> {
    const column = <T>(pick: (r: Response) => T) => answers.map(({ response }) => pick(response));
    const { rows } = await this.pool.query<{ invitationId: string }>({
      name: 'first-answer-record-many',
      text: `WITH input AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
           $9::"Metric"[], $10::int[], $11::int[], $12::int[], $13::text[], $14::text[], $15::jsonb[], $16::text[], $17::text[],
           $19::boolean[])
           AS x(invitation_id, id, workspace_id, survey_id, person_id, touchpoint_id, stage_id, journey_id,
             metric, scale_min, scale_max, score, comment, locale, person_properties, editable_until, at, settling)),
       -- The answering people not erased, with a key-share lock taken before the invitation's: an erasure holds the
       -- person FOR UPDATE, so an answer racing it waits, then reads erased_at as committed and records nothing (a
       -- NOT EXISTS would read the person as of the statement's start and let the answer in).
       alive AS (SELECT id FROM people WHERE id IN (SELECT person_id FROM input) AND erased_at IS NULL ORDER BY id FOR KEY SHARE),
       -- The UPDATE's own row lock is the invitation lock: a concurrent answer that committed first makes
       -- Postgres re-check these conditions on the new row, which then fail, and nothing below runs for it.
       marked AS (
         UPDATE invitations i SET status = 'responded', responded_at = ${AT('x.at')}, updated_at = ${AT('x.at')}
         FROM input x
         -- The ids again as a parameter: partitioned, only their months are opened and locked (findByTokenHashes).
         WHERE i.id = ANY($1::text[]) AND i.id = x.invitation_id AND i.status NOT IN ('responded', 'expired', 'cancelled') AND i.responded_at IS NULL
           AND i.expires_at > ${AT('x.at')}
           AND i.person_id IN (SELECT id FROM alive)
         RETURNING i.id),
       created AS (
         INSERT INTO responses (id, workspace_id, invitation_id, survey_id, person_id, touchpoint_id, stage_id, journey_id,
           metric, scale_min, scale_max, score, comment, locale, source, person_properties, editable_until, created_at, updated_at,
           settling)
         SELECT x.id, x.workspace_id, x.invitation_id, x.survey_id, x.person_id, x.touchpoint_id, x.stage_id, x.journey_id,
           x.metric, x.scale_min, x.scale_max, x.score, x.comment, x.locale,
           (SELECT CASE s.channel WHEN 'sms' THEN 'sms' ELSE 'email' END FROM surveys s WHERE s.id = x.survey_id)::"ResponseSource",
           x.person_properties,
           ${AT('x.editable_until')}, ${AT('x.at')}, ${AT('x.at')}, x.settling
         FROM input x JOIN marked ON marked.id = x.invitation_id RETURNING id, invitation_id),
       announced AS (
         INSERT INTO outbox_events (id, workspace_id, topic, payload)
         SELECT e.id, e.workspace_id, e.topic, e.payload
         FROM jsonb_to_recordset($18::jsonb) AS e(response_id text, id text, workspace_id text, topic text, payload jsonb)
         JOIN created ON created.id = e.response_id),
       counted AS (
         INSERT INTO score_rollup_deltas (touchpoint_id, metric, at, score, delta)
         SELECT x.touchpoint_id, x.metric, ${AT('x.at')}, x.score, 1 FROM input x JOIN created ON created.invitation_id = x.invitation_id
         -- A relationship answer (no touchpoint) is in no touchpoint's counts.
         WHERE x.touchpoint_id IS NOT NULL)
       SELECT invitation_id AS "invitationId" FROM created`,
      values: [
        column((r) => r.invitationId),
        column((r) => r.id),
        column((r) => r.workspaceId),
        column((r) => r.surveyId),
        column((r) => r.personId),
        column((r) => r.touchpointId),
        column((r) => r.stageId),
        column((r) => r.journeyId),
        column((r) => r.metric),
        column((r) => r.scaleMin),
        column((r) => r.scaleMax),
        column((r) => r.score),
        column((r) => r.comment),
        column((r) => r.locale),
        column((r) => JSON.stringify(r.personProperties)),
        column((r) => r.editableUntil?.toISOString() ?? null),
        column((r) => r.createdAt.toISOString()),
        JSON.stringify(
          answers.flatMap(({ response, events }) =>
            events.map(({ id, workspaceId, topic, payload }) => ({
              response_id: response.id,
              id,
              workspace_id: workspaceId,
              topic,
              payload,
            })),
          ),
        ),
        column((r) => r.settling),
      ],
    });
    const recorded = new Set(rows.map((row) => row.invitationId));
    return answers.map(({ response }) => recorded.has(response.invitationId!));
  }
}
