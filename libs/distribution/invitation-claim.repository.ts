import { Injectable } from '@nestjs/common';
import { emailHash, normalizeEmail } from '@cairn/common';
import { PrismaService, Tx } from '@cairn/database';
import type { InvitationStatus, Metric, SuppressionReason, SurveyChannel } from '@cairn/database';
import type { SentMark } from './sent-marks.repository';

type Texts = Record<string, string> | null;

/** An invitation with everything its email needs, read in one statement. */
export interface SendTarget {
  id: string;
  workspaceId: string;
  personId: string;
  status: InvitationStatus;
  locale: string | null;
  claimedAt: Date | null;
  sentAt: Date | null;
  /** Set by the survey email's hand-over to SMTP while still 'sending' (HandoverRepository). */
  handedOverAt: Date | null;
  expiresAt: Date;
  attempts: number;
  reminderDueAt: Date | null;
  reminderSentAt: Date | null;
  metric: Metric;
  /** email, or sms: an SMS invitation is sent by the SMS sender (SMS_SENDER), not as an email. */
  channel: SurveyChannel;
  question: Texts;
  subject: Texts;
  active: boolean;
  throttleDays: number;
  reminderAfterSeconds: number | null;
  expiresAfterSeconds: number;
  touchpointName: string;
  companyName: string;
  eventProperties: Record<string, unknown> | null;
}

const MAX_ERROR = 500;

/**
 * Ends an invitation without sending (throttled, suppressed, expired, cancelled), if nobody changed it since it was
 * read: fenced as a claim is ($5: its claimed_at as read, as an ISO string; nothing handed over). A takeover reads a
 * stale claim, then waits for the person's lock; meanwhile the stale claim's run, slow rather than dead, may hand its
 * message over. Its email has left, so the invitation must not be ended as unsent: the hand-over wins, and that run's
 * sent mark (fenced by its claim) follows. One statement for the ORM path and the raw fast path (SendClaimTx).
 */
export const SETTLE_SQL = `UPDATE invitations SET status = $3::"InvitationStatus", reason = $4, reminder_due_at = NULL,
    updated_at = now() AT TIME ZONE 'UTC'
  WHERE id = $1 AND status = $2::"InvitationStatus" AND claimed_at IS NOT DISTINCT FROM ($5::timestamptz AT TIME ZONE 'UTC')
    AND handed_over_at IS NULL AND sent_at IS NULL`;

/** SETTLE_SQL's values, in order. */
export function settleValues(seen: SettleSeen, status: InvitationStatus, reason: string): [string, string, string, string, string | null] {
  return [seen.id, seen.status, status, reason, seen.claimedAt?.toISOString() ?? null];
}

/** An invitation as a run read it, which a settle changes only while it is still so. */
export interface SettleSeen {
  id: string;
  status: InvitationStatus;
  claimedAt: Date | null;
}

/** One run's hold on an invitation: later steps only apply while claimed_at is still this run's. */
export interface Claim {
  id: string;
  claimedAt: Date;
}

/**
 * The send state machine of one invitation, every step a conditional UPDATE:
 * scheduled → sending (claimed, handed_over_at null) → sending + handed_over_at
 * (handed to SMTP, see HandoverRepository) → sent (sent_at = the hand-over's
 * instant). A definite SMTP refusal goes
 * back to scheduled (retry) or to failed. claimed_at fences every step, so a
 * run that lost its claim (it stalled and another took over) changes nothing.
 */
@Injectable()
export class InvitationClaimRepository {
  constructor(private readonly prisma: PrismaService) {}

  async load(tx: Tx, id: string): Promise<SendTarget | null> {
    const rows = await tx.$queryRaw<SendTarget[]>`
      SELECT i.id, i.workspace_id AS "workspaceId", i.person_id AS "personId", i.status::text AS status, i.locale,
        i.claimed_at AS "claimedAt", i.sent_at AS "sentAt", i.handed_over_at AS "handedOverAt", i.expires_at AS "expiresAt", i.attempts,
        i.reminder_due_at AS "reminderDueAt", i.reminder_sent_at AS "reminderSentAt",
        s.metric::text AS metric, s.channel::text AS channel, s.question, s.subject, s.active, s.throttle_days AS "throttleDays",
        s.reminder_after_seconds AS "reminderAfterSeconds", s.expires_after_seconds AS "expiresAfterSeconds",
        COALESCE(t.name, w.name) AS "touchpointName", w.name AS "companyName", e.properties AS "eventProperties"
      FROM invitations i
        JOIN surveys s ON s.id = i.survey_id
        LEFT JOIN touchpoints t ON t.id = s.touchpoint_id
        JOIN workspaces w ON w.id = i.workspace_id
        LEFT JOIN events e ON e.id = i.event_id
      WHERE i.id = ${id}`;
    return rows[0] ?? null;
  }

  async suppression(tx: Tx, workspaceId: string, emailHash: string): Promise<SuppressionReason | null> {
    const rows = await tx.$queryRaw<Array<{ reason: SuppressionReason }>>`
      SELECT reason::text AS reason FROM suppressions WHERE workspace_id = ${workspaceId} AND email_hash = ${emailHash}`;
    return rows[0]?.reason ?? null;
  }

  /**
   * Claims the invitation if nobody changed it since it was read. `handed_over_at IS NULL` (and `sent_at`, where a
   * version before that column recorded the hand-over): a stale claim's run may hand the message over while this
   * takeover waits on the row (read before that commit, updated after it); the hand-over wins.
   */
  async claim(
    tx: Tx,
    seen: { id: string; status: InvitationStatus; claimedAt: Date | null },
    messageId: string,
    now: Date,
  ): Promise<boolean> {
    const count = await tx.$executeRaw`
      UPDATE invitations SET status = 'sending', claimed_at = ${now}, attempts = attempts + 1, message_id = ${messageId},
        sent_at = NULL, updated_at = ${now}
      WHERE id = ${seen.id} AND status = ${seen.status}::"InvitationStatus" AND claimed_at IS NOT DISTINCT FROM ${seen.claimedAt}
        AND sent_at IS NULL AND handed_over_at IS NULL`;
    return count === 1;
  }

  /** SETTLE_SQL inside the caller's transaction. */
  async settle(tx: Tx, seen: SettleSeen, status: InvitationStatus, reason: string): Promise<void> {
    await tx.$executeRawUnsafe(SETTLE_SQL, ...settleValues(seen, status, reason));
  }

  /** sending → sent, as SentMarksRepository does, on one invitation inside a transaction; true when the claim still held. */
  async markSent({ claim, now, expiresAt, note, reminder }: SentMark, db: Tx | PrismaService = this.prisma): Promise<boolean> {
    const rows = await db.$queryRaw<unknown[]>`
      WITH sent AS (
        UPDATE invitations SET status = 'sent', sent_at = COALESCE(sent_at, handed_over_at, ${now}), reminder_due_at = ${reminder?.dueAt ?? null},
          expires_at = GREATEST(expires_at, ${expiresAt}), last_error = COALESCE(${note}, last_error), updated_at = ${now}
        WHERE id = ${claim.id} AND status = 'sending' AND claimed_at = ${claim.claimedAt}
        RETURNING person_id)
      UPDATE people SET last_surveyed_at = ${now} FROM sent WHERE people.id = sent.person_id RETURNING people.id`;
    return rows.length === 1;
  }

  /** A definite refusal or an error before the end of data: back to scheduled for the next attempt. */
  async release(claim: Claim, lastError: string): Promise<void> {
    await this.prisma.invitation.updateMany({
      where: { id: claim.id, status: 'sending', claimedAt: claim.claimedAt },
      data: { status: 'scheduled', sentAt: null, handedOverAt: null, lastError: lastError.slice(0, MAX_ERROR) },
    });
  }

  /** A permanent refusal of the recipient: the address is suppressed as bounced (the first reason stays). */
  async suppressBounced(tx: Tx, workspaceId: string, email: string, detail: string): Promise<void> {
    const hash = emailHash(email);
    await tx.suppression.upsert({
      where: { workspaceId_emailHash: { workspaceId, emailHash: hash } },
      create: { workspaceId, emailHash: hash, email: normalizeEmail(email), reason: 'bounced', detail: detail.slice(0, MAX_ERROR) },
      update: {},
    });
  }

  async fail(claim: Claim, reason: string, lastError: string, db: Tx | PrismaService = this.prisma): Promise<void> {
    await db.invitation.updateMany({
      where: { id: claim.id, status: 'sending', claimedAt: claim.claimedAt },
      data: { status: 'failed', reason, sentAt: null, handedOverAt: null, lastError: lastError.slice(0, MAX_ERROR) },
    });
  }
}
