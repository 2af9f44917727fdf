import { Injectable } from '@nestjs/common';
import { HistoryLayout, Prisma, PrismaService, UUID7_SQL } from '@cairn/database';
import { candidateObjects, personaFilters, type PropertyValue } from '@cairn/scores';
import { slotOffsetSql } from './relationship-slot';
import { sendJobPayloadSql } from './send-job.template';

/** A relationship survey as the scheduler reads it. */
export interface RelationshipSurvey {
  id: string;
  workspaceId: string;
  everyDays: number;
  anchor: Date;
  segment: Record<string, PropertyValue> | null;
  expiresAfterSeconds: number;
  /** email asks people with an address, sms people with a phone number. */
  channel: 'email' | 'sms';
  /** Active and on a journey that is not archived: only these are asked. */
  sending: boolean;
}

/** What one page of people came to: where the next page starts (null: none), how many were read and invited. */
export interface InvitePage {
  cursor: string | null;
  read: number;
  invited: number;
}

/** A person the preview counts: who may be asked now, and whether this period already asked them. */
export interface PreviewPerson {
  id: string;
  createdAt: Date;
  invitedThisPeriod: boolean;
  invitedLastPeriod: boolean;
}

/** A time-ordered id (RFC 9562 v7) made in SQL, as the event intake makes invitation ids. */
const UUID7 = Prisma.raw(UUID7_SQL);
/** The outbox payload of an inserted invitation's send. */
const SEND_PAYLOAD = Prisma.raw(sendJobPayloadSql('ins.id', 'ins.scheduled_for'));
const ts = (at: Date) => Prisma.sql`${at.toISOString()}::timestamptz AT TIME ZONE 'UTC'`;

/**
 * The relationship scheduler's SQL. People are read a page at a time by keyset on their id (each statement reads at
 * most one page of the workspace's people, whatever the segment matches), so a million people make a thousand short
 * statements, never one long transaction. Invitations are inserted once per (survey, person, period): two
 * schedulers on the same page insert each invitation once, and only the inserting one queues its send.
 */
@Injectable()
export class RelationshipScheduleRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly layout: HistoryLayout,
  ) {}

  /** Active relationship surveys whose journey is not archived. */
  active(): Promise<RelationshipSurvey[]> {
    return this.read(Prisma.sql`s.active AND j.archived_at IS NULL`);
  }

  async find(workspaceId: string, surveyId: string): Promise<RelationshipSurvey | null> {
    return (await this.read(Prisma.sql`s.workspace_id = ${workspaceId} AND s.id = ${surveyId}`))[0] ?? null;
  }

  /**
   * One page of the workspace's people after `cursor`: those who may be asked (an address, not erased, unsubscribed
   * or suppressed, matching the segment), who existed at their slot in `period` and whose slot has come by `now`,
   * get a scheduled invitation for the period and its send job in the outbox, in this one statement.
   */
  async invitePage(survey: RelationshipSurvey, period: number, start: Date, now: Date, cursor: string, limit: number): Promise<InvitePage> {
    const offset = Prisma.raw(slotOffsetSql('s_id', 'page.id', 's_days'));
    // One invitation per (survey, person, period): two schedulers on one page insert each once. Partitioned
    // (HISTORY_PARTITIONED), invitations has no unique index to arbitrate ON CONFLICT: the key lives in
    // cairn_history.unique_keys, and a key another scheduler claimed first skips the row the same way.
    const partitioned = await this.layout.partitioned();
    const claim = partitioned
      ? Prisma.sql`claimed AS (
        INSERT INTO cairn_history.unique_keys (constraint_name, key, row_id)
        SELECT 'invitations_survey_id_person_id_period_index_key', ARRAY[${survey.id}::text, fresh.id, ${period}::int::text]::text,
          fresh.invitation_id
        FROM fresh
        ON CONFLICT DO NOTHING
        RETURNING row_id),`
      : Prisma.empty;
    const source = partitioned
      ? Prisma.sql`FROM fresh JOIN claimed ON claimed.row_id = fresh.invitation_id`
      : Prisma.sql`FROM fresh ON CONFLICT (survey_id, person_id, period_index) DO NOTHING`;
    const [row] = await this.prisma.$queryRaw<Array<{ cursor: string | null; read: number; invited: number }>>`
      WITH params AS (SELECT ${survey.id}::text AS s_id, ${survey.everyDays}::int AS s_days),
      page AS (
        SELECT id, email, email_hash, phone_number, locale, properties, unsubscribed_at, erased_at, created_at FROM people
        WHERE workspace_id = ${survey.workspaceId} AND id > ${cursor} ORDER BY id LIMIT ${limit}),
      due AS (
        SELECT page.id, page.locale, page.created_at, ${ts(start)} + make_interval(secs => ${offset}::double precision) AS at
        FROM page, params
        WHERE ${this.askable(survey)}),
      fresh AS (
        SELECT ${UUID7} AS invitation_id, due.* FROM due
        -- A person joins at their slot: one added after it this period waits for the next (no burst after an import).
        WHERE due.at <= ${ts(now)} AND due.created_at <= due.at
          AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.survey_id = ${survey.id} AND i.person_id = due.id AND i.period_index = ${period}::int)),
      ${claim}
      ins AS (
        INSERT INTO invitations (id, workspace_id, survey_id, person_id, status, locale, scheduled_for, expires_at, period_index)
        SELECT fresh.invitation_id, ${survey.workspaceId}, ${survey.id}, fresh.id, 'scheduled', fresh.locale, fresh.at,
          fresh.at + make_interval(secs => ${survey.expiresAfterSeconds}::double precision), ${period}::int
        ${source}
        RETURNING id, scheduled_for),
      out AS (
        INSERT INTO outbox_events (id, workspace_id, topic, payload)
        SELECT ${UUID7}, ${survey.workspaceId}, 'job', ${SEND_PAYLOAD}
        FROM ins
        RETURNING 1)
      SELECT (SELECT max(id) FROM page) AS cursor, (SELECT count(*) FROM page)::int AS read, (SELECT count(*) FROM out)::int AS invited`;
    return { cursor: row.cursor, read: row.read, invited: row.invited };
  }

  /** One page of people after `cursor` and whether the survey may ask each now (as invitePage decides), for the preview. */
  async previewPage(
    survey: RelationshipSurvey,
    period: number,
    cursor: string,
    limit: number,
  ): Promise<{ cursor: string | null; people: PreviewPerson[] }> {
    const rows = await this.prisma.$queryRaw<Array<PreviewPerson & { askable: boolean }>>`
      WITH page AS (
        SELECT id, email, email_hash, phone_number, properties, unsubscribed_at, erased_at, created_at FROM people
        WHERE workspace_id = ${survey.workspaceId} AND id > ${cursor} ORDER BY id LIMIT ${limit})
      SELECT page.id, page.created_at AT TIME ZONE 'UTC' AS "createdAt", ${this.askable(survey)} AS askable,
        EXISTS (SELECT 1 FROM invitations i WHERE i.survey_id = ${survey.id} AND i.person_id = page.id AND i.period_index = ${period}::int)
          AS "invitedThisPeriod",
        EXISTS (SELECT 1 FROM invitations i WHERE i.survey_id = ${survey.id} AND i.person_id = page.id AND i.period_index = ${period - 1}::int)
          AS "invitedLastPeriod"
      FROM page ORDER BY page.id`;
    return {
      cursor: rows.length ? rows[rows.length - 1].id : null,
      people: rows.filter((row) => row.askable).map(({ askable: _askable, ...person }) => person),
    };
  }

  private async read(where: Prisma.Sql): Promise<RelationshipSurvey[]> {
    return this.prisma.$queryRaw<RelationshipSurvey[]>`
      SELECT s.id, s.workspace_id AS "workspaceId", s.every_days AS "everyDays", s.schedule_anchor AT TIME ZONE 'UTC' AS anchor,
        s.segment, s.expires_after_seconds AS "expiresAfterSeconds", s.channel::text AS channel,
        (s.active AND j.archived_at IS NULL) AS sending
      FROM surveys s JOIN journeys j ON j.id = s.journey_id
      -- No CHECK holds a relationship row to its shape (Prisma's drift check refuses one): one without a schedule is skipped.
      WHERE s.kind = 'relationship' AND s.every_days > 0 AND s.schedule_anchor IS NOT NULL AND ${where}
      ORDER BY s.id`;
  }

  /**
   * Who the survey may ask, on a `page` row: the send gate checks the same at the send (suppressionReason), this
   * keeps those who left (unsubscribed, erased, suppressed) from getting an invitation at all.
   */
  private askable(survey: RelationshipSurvey): Prisma.Sql {
    const segment = personaFilters(survey.segment ?? {}).map(
      (filter) => Prisma.sql`page.properties @> ANY(${candidateObjects(filter)}::jsonb[])`,
    );
    // An SMS survey asks people with a number that did not text STOP (the SMS gate's phoneHash()), an email one
    // people with an address that is not suppressed.
    const reachable =
      survey.channel === 'sms'
        ? Prisma.sql`page.phone_number IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sms_suppressions x WHERE x.workspace_id = ${survey.workspaceId}
            AND x.phone_hash = encode(sha256(convert_to('cairn-phone:' || page.phone_number, 'UTF8')), 'hex'))`
        : Prisma.sql`page.email IS NOT NULL AND NOT EXISTS (SELECT 1 FROM suppressions x WHERE x.workspace_id = ${survey.workspaceId} AND x.email_hash = page.email_hash)`;
    return Prisma.join([Prisma.sql`page.erased_at IS NULL AND page.unsubscribed_at IS NULL`, reachable, ...segment], ' AND ');
  }
}
