import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '@cairn/database';
import type { InvitationStatus, Metric } from '@cairn/database';

/** An SMS invitation with what its decision and text need. */
export interface SmsTarget {
  id: string;
  workspaceId: string;
  personId: string;
  status: InvitationStatus;
  locale: string | null;
  claimedAt: Date | null;
  sentAt: Date | null;
  expiresAt: Date;
  metric: Metric;
  active: boolean;
  throttleDays: number;
  expiresAfterSeconds: number;
  companyName: string;
  timeZone: string;
}

export interface SmsClaim {
  id: string;
  claimedAt: Date;
}

const MAX_ERROR = 500;

/**
 * The SMS send's steps on the invitation row, each fenced by claimed_at like
 * the email's: scheduled → sending (claimed) → sending + sent_at (the request
 * is about to leave: from here it is never sent again) → sent with the
 * provider's message id.
 */
@Injectable()
export class SmsInvitationRepository {
  constructor(private readonly prisma: PrismaService) {}

  async load(tx: Tx, id: string): Promise<SmsTarget | null> {
    const rows = await tx.$queryRaw<SmsTarget[]>`
      SELECT i.id, i.workspace_id AS "workspaceId", i.person_id AS "personId", i.status::text AS status, i.locale,
        i.claimed_at AS "claimedAt", i.sent_at AS "sentAt", i.expires_at AS "expiresAt", s.metric::text AS metric, s.active,
        s.throttle_days AS "throttleDays", s.expires_after_seconds AS "expiresAfterSeconds", w.name AS "companyName",
        w.timezone AS "timeZone"
      FROM invitations i JOIN surveys s ON s.id = i.survey_id JOIN workspaces w ON w.id = i.workspace_id
      WHERE i.id = ${id}`;
    return rows[0] ?? null;
  }

  async suppression(tx: Tx, workspaceId: string, phoneHash: string): Promise<string | null> {
    const row = await tx.smsSuppression.findUnique({ where: { workspaceId_phoneHash: { workspaceId, phoneHash } } });
    return row?.reason ?? null;
  }

  /** Claims the invitation as seen (scheduled, or a stale claim never handed over) and stores the short link's token hash. */
  async claim(tx: Tx, seen: SmsTarget, now: Date, tokenHash: string): Promise<boolean> {
    const count = await tx.$executeRaw`
      UPDATE invitations SET status = 'sending', claimed_at = ${now}, attempts = attempts + 1, message_id = NULL,
        sms_status = NULL, sent_at = NULL, updated_at = ${now}
      WHERE id = ${seen.id} AND status = ${seen.status}::"InvitationStatus" AND claimed_at IS NOT DISTINCT FROM ${seen.claimedAt}
        AND sent_at IS NULL`;
    if (count !== 1) return false;
    await tx.invitationToken.create({ data: { invitationId: seen.id, kind: 'response', tokenHash } });
    return true;
  }

  /** Ends the invitation unsent (suppressed, throttled, …) if it is still as seen. */
  async settle(tx: Tx, seen: SmsTarget, status: InvitationStatus, reason: string): Promise<void> {
    await tx.invitation.updateMany({ where: { id: seen.id, status: seen.status, claimedAt: seen.claimedAt }, data: { status, reason } });
  }

  /** Quiet hours: the send waits for `until` (a stale claim goes back to scheduled). */
  async defer(tx: Tx, seen: SmsTarget, until: Date): Promise<boolean> {
    const { count } = await tx.invitation.updateMany({
      where: { id: seen.id, status: seen.status, claimedAt: seen.claimedAt, sentAt: null },
      data: { status: 'scheduled', scheduledFor: until },
    });
    return count === 1;
  }

  /** Committed before the request leaves: a run that finds it set never sends again. */
  async handOver(claim: SmsClaim, now: Date): Promise<boolean> {
    const { count } = await this.prisma.invitation.updateMany({
      where: { id: claim.id, status: 'sending', claimedAt: claim.claimedAt, sentAt: null },
      data: { sentAt: now },
    });
    return count === 1;
  }

  /** sending → sent with the provider's id (null when its answer was lost), and the person's last survey noted. */
  async markSent(
    claim: SmsClaim,
    sent: { sid: string | null; smsStatus: string | null; now: Date; expiresAt: Date; note: string | null },
    db: Tx | PrismaService = this.prisma,
  ): Promise<boolean> {
    const rows = await db.$queryRaw<unknown[]>`
      WITH sent AS (
        UPDATE invitations SET status = 'sent', sent_at = COALESCE(sent_at, ${sent.now}), message_id = COALESCE(${sent.sid}, message_id),
          sms_status = COALESCE(sms_status, ${sent.smsStatus}), expires_at = GREATEST(expires_at, ${sent.expiresAt}),
          last_error = COALESCE(${sent.note}, last_error), updated_at = ${sent.now}
        WHERE id = ${claim.id} AND status = 'sending' AND claimed_at = ${claim.claimedAt}
        RETURNING person_id)
      UPDATE people SET last_surveyed_at = ${sent.now} FROM sent WHERE people.id = sent.person_id RETURNING people.id`;
    return rows.length === 1;
  }

  /** The provider said no before creating anything: back to scheduled for the job's retry. */
  async release(claim: SmsClaim, lastError: string): Promise<void> {
    await this.prisma.invitation.updateMany({
      where: { id: claim.id, status: 'sending', claimedAt: claim.claimedAt },
      data: { status: 'scheduled', sentAt: null, lastError: lastError.slice(0, MAX_ERROR) },
    });
  }

  async fail(claim: SmsClaim, reason: string, lastError: string): Promise<void> {
    await this.prisma.invitation.updateMany({
      where: { id: claim.id, status: 'sending', claimedAt: claim.claimedAt },
      data: { status: 'failed', reason, sentAt: null, lastError: lastError.slice(0, MAX_ERROR) },
    });
  }

  /** The first reason a number was suppressed for stays. */
  async suppress(workspaceId: string, phoneHash: string, reason: string, db: Tx | PrismaService = this.prisma): Promise<void> {
    await db.smsSuppression.upsert({
      where: { workspaceId_phoneHash: { workspaceId, phoneHash } },
      create: { workspaceId, phoneHash, reason },
      update: {},
    });
  }
}
