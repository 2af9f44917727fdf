import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '@cairn/database';
import type { InvitationStatus, SuppressionReason } from '@cairn/database';

export interface MatchingSurvey {
  id: string;
  delaySeconds: number;
  throttleDays: number;
  expiresAfterSeconds: number;
}

export interface IntakeContext {
  surveys: MatchingSurvey[];
  suppression: SuppressionReason | null;
  /** When this person's other surveys went or will go out, as far back as the longest throttle reaches. */
  surveyTimes: Date[];
}

export interface NewInvitation {
  id: string;
  surveyId: string;
  status: InvitationStatus;
  reason: string | null;
  scheduledFor: Date;
  expiresAt: Date;
}

/**
 * The SQL of POST /events, in as few round trips as possible: events are the
 * hottest write path, and each statement through the ORM costs CPU in the API.
 */
@Injectable()
export class EventIntakeRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The stored event of an idempotency key, with what a replay compares (type, person's address) and answers. */
  findByIdempotencyKey(workspaceId: string, idempotencyKey: string) {
    return this.prisma.event.findUnique({
      where: { workspaceId_idempotencyKey: { workspaceId, idempotencyKey } },
      select: { type: true, result: true, person: { select: { email: true } } },
    });
  }

  async context(
    tx: Tx,
    q: { workspaceId: string; type: string; personId: string; emailHash: string | null; now: Date },
  ): Promise<IntakeContext> {
    const [row] = await tx.$queryRaw<
      Array<{ surveys: MatchingSurvey[] | null; suppression: SuppressionReason | null; times: string[] | null }>
    >`
      WITH s AS (
        SELECT id, delay_seconds AS "delaySeconds", throttle_days AS "throttleDays", expires_after_seconds AS "expiresAfterSeconds", created_at
        FROM surveys WHERE workspace_id = ${q.workspaceId} AND trigger_event = ${q.type} AND active)
      SELECT
        (SELECT json_agg(json_build_object('id', id, 'delaySeconds', "delaySeconds", 'throttleDays', "throttleDays",
           'expiresAfterSeconds', "expiresAfterSeconds") ORDER BY created_at, id) FROM s) AS surveys,
        (SELECT reason::text FROM suppressions WHERE workspace_id = ${q.workspaceId} AND email_hash = ${q.emailHash ?? ''}) AS suppression,
        (SELECT json_agg(COALESCE(sent_at, claimed_at, scheduled_for)) FROM invitations
          WHERE person_id = ${q.personId} AND status IN ('scheduled', 'sending', 'sent', 'responded')
            AND COALESCE(sent_at, claimed_at, scheduled_for) > ${q.now}::timestamp - make_interval(days => (SELECT COALESCE(max("throttleDays"), 0) FROM s))
        ) AS times`;
    return {
      surveys: row.surveys ?? [],
      suppression: row.suppression,
      surveyTimes: (row.times ?? []).map((time) => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(time) ? time : `${time}Z`)),
    };
  }

  /** The event and its invitations in one statement; a repeated idempotency key fails it as a unique violation. */
  async insert(
    tx: Tx,
    event: {
      id: string;
      workspaceId: string;
      type: string;
      personId: string;
      properties: object;
      occurredAt: Date;
      idempotencyKey: string | null;
      result: object;
    },
    locale: string | null,
    invitations: NewInvitation[],
  ): Promise<void> {
    const column = <K extends keyof NewInvitation>(key: K) => invitations.map((invitation) => invitation[key]);
    const iso = (dates: Date[]) => dates.map((date) => date.toISOString());
    await tx.$executeRaw`
      WITH e AS (
        INSERT INTO events (id, workspace_id, type, person_id, properties, occurred_at, idempotency_key, result)
        VALUES (${event.id}, ${event.workspaceId}, ${event.type}, ${event.personId}, ${JSON.stringify(event.properties)}::jsonb,
          ${event.occurredAt}, ${event.idempotencyKey}, ${JSON.stringify(event.result)}::jsonb)
        RETURNING id)
      INSERT INTO invitations (id, workspace_id, survey_id, person_id, event_id, status, reason, locale, scheduled_for, expires_at)
      SELECT i.id, ${event.workspaceId}, i.survey_id, ${event.personId}, e.id, i.status::"InvitationStatus", i.reason, ${locale},
        i.scheduled_for::timestamptz AT TIME ZONE 'UTC', i.expires_at::timestamptz AT TIME ZONE 'UTC'
      FROM e, unnest(${column('id')}::text[], ${column('surveyId')}::text[], ${column('status')}::text[], ${column('reason')}::text[],
        ${iso(column('scheduledFor'))}::text[], ${iso(column('expiresAt'))}::text[]) AS i(id, survey_id, status, reason, scheduled_for, expires_at)`;
  }
}
