import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '@cairn/database';

/** Invitation rows: creation, reads and the sweeps of the reconciler and expiry. */
@Injectable()
export class InvitationRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** When this person's other surveys went out or are going out; this one excluded (send-time throttle). */
  async sentTimes(tx: Tx, personId: string, exceptId: string, since: Date): Promise<Date[]> {
    const rows = await tx.$queryRaw<Array<{ at: Date }>>`
      SELECT COALESCE(sent_at, claimed_at) AS at FROM invitations
      WHERE person_id = ${personId} AND id <> ${exceptId} AND status IN ('sending', 'sent', 'responded')
        AND COALESCE(sent_at, claimed_at) > ${since}`;
    return rows.map((row) => row.at);
  }

  find(workspaceId: string, id: string) {
    return this.prisma.invitation.findFirst({ where: { id, workspaceId } });
  }

  /** Due invitations that may have lost their job: scheduled and due, or claimed long ago and never finished. */
  async dueIds(staleClaimBefore: Date, dueBefore: Date, limit: number): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<Array<{ id: string }>>`
      (SELECT id FROM invitations WHERE status = 'scheduled' AND scheduled_for <= ${dueBefore}
         AND workspace_id NOT IN (SELECT id FROM workspaces WHERE sending_paused_at IS NOT NULL)
       ORDER BY scheduled_for LIMIT ${limit})
      UNION ALL
      (SELECT id FROM invitations WHERE status = 'sending' AND claimed_at < ${staleClaimBefore} LIMIT ${limit})`;
    return rows.map((row) => row.id);
  }

  /** One workspace's sends and reminders due now (after its sending was paused), in pages by id. */
  async waitingIds(workspaceId: string, now: Date, after: string, limit: number): Promise<Array<{ id: string; reminder: boolean }>> {
    return this.prisma.$queryRaw<Array<{ id: string; reminder: boolean }>>`
      SELECT id, status = 'sent' AS reminder FROM invitations
      WHERE workspace_id = ${workspaceId} AND id > ${after}
        AND ((status = 'scheduled' AND scheduled_for <= ${now})
          OR (status = 'sent' AND reminder_sent_at IS NULL AND reminder_due_at <= ${now}))
      ORDER BY id LIMIT ${limit}`;
  }

  async dueReminderIds(dueBefore: Date, limit: number): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM invitations
      WHERE status = 'sent' AND reminder_sent_at IS NULL AND reminder_due_at <= ${dueBefore}
        AND workspace_id NOT IN (SELECT id FROM workspaces WHERE sending_paused_at IS NOT NULL)
      ORDER BY reminder_due_at LIMIT ${limit}`;
    return rows.map((row) => row.id);
  }

  /** Whether this person has a survey sent at or after `since` (one Cairn sent, or one recorded from Delighted). */
  async sentSince(personId: string, since: Date): Promise<boolean> {
    const row = await this.prisma.invitation.findFirst({ where: { personId, sentAt: { gte: since } }, select: { id: true } });
    return row !== null;
  }

  /** A survey sent before Cairn (by Delighted): a sent invitation without tokens, so throttling counts it. */
  async createPastSend(row: { id: string; workspaceId: string; surveyId: string; personId: string; sentAt: Date; expiresAt: Date }) {
    await this.prisma.invitation.create({
      data: { ...row, status: 'sent', reason: 'sent_by_delighted', scheduledFor: row.sentAt },
    });
  }

  /** Cancels the person's scheduled surveys (sent ones stay answerable); returns how many. */
  async cancelScheduled(personId: string, reason: string): Promise<number> {
    const { count } = await this.prisma.invitation.updateMany({
      where: { personId, status: 'scheduled' },
      data: { status: 'cancelled', reason },
    });
    return count;
  }

  /** Marks up to `limit` overdue invitations expired; returns how many. */
  expireDue(now: Date, limit: number): Promise<number> {
    return this.prisma.$executeRaw`
      UPDATE invitations SET status = 'expired', reason = COALESCE(reason, 'expired'), reminder_due_at = NULL, updated_at = ${now}
      WHERE id IN (
        SELECT id FROM invitations
        WHERE status IN ('scheduled', 'sent') AND scheduled_for <= ${now} AND expires_at <= ${now}
        LIMIT ${limit} FOR UPDATE SKIP LOCKED)`;
  }
}
