import { Injectable } from '@nestjs/common';
import { PrismaService } from '@cairn/database';

/** The SMS invitation a reply answers: the latest one sent to that number that can still be answered. */
export interface RepliedInvitation {
  invitationId: string;
  workspaceId: string;
  status: string;
  tokenHash: string;
  score: number | null;
  comment: string | null;
}

// Delivery statuses in the order Twilio reports them; a late callback never moves a message backwards. A failure
// outranks `delivered`: a carrier may report one after its delivery receipt, and that later verdict is the one to keep,
// while a `delivered` arriving after a failure (callbacks come out of order) must not hide it.
const RANK = `CASE $1 WHEN 'accepted' THEN 0 WHEN 'queued' THEN 1 WHEN 'sending' THEN 2 WHEN 'sent' THEN 3
  WHEN 'undelivered' THEN 5 WHEN 'failed' THEN 5 ELSE 4 END`;
const RANK_OF_COLUMN = RANK.replace('$1', 'sms_status');

/** Reads and writes of the inbound hook: replies by sender number, status callbacks by invitation or message id. */
@Injectable()
export class SmsHookRepository {
  constructor(private readonly prisma: PrismaService) {}

  async latestFor(phone: string, now: Date): Promise<RepliedInvitation | null> {
    const rows = await this.prisma.$queryRaw<RepliedInvitation[]>`
      SELECT i.id AS "invitationId", i.workspace_id AS "workspaceId", i.status::text AS status, t.token_hash AS "tokenHash",
        r.score, r.comment
      FROM people p
        JOIN invitations i ON i.person_id = p.id AND i.status IN ('sent', 'responded') AND i.expires_at > ${now}
        JOIN surveys s ON s.id = i.survey_id AND s.channel = 'sms'
        JOIN LATERAL (SELECT token_hash FROM invitation_tokens WHERE invitation_id = i.id AND kind = 'response'
          ORDER BY created_at DESC LIMIT 1) t ON true
        LEFT JOIN responses r ON r.invitation_id = i.id
      WHERE p.phone_number = ${phone} AND p.erased_at IS NULL
      ORDER BY i.sent_at DESC NULLS LAST LIMIT 1`;
    return rows[0] ?? null;
  }

  /** The workspaces that know this number: a STOP suppresses it in each (the sender number is the instance's). */
  async workspacesOf(phone: string): Promise<string[]> {
    const rows = await this.prisma.person.findMany({
      where: { phoneNumber: phone, erasedAt: null },
      select: { workspaceId: true },
      distinct: ['workspaceId'],
    });
    return rows.map((row) => row.workspaceId);
  }

  /**
   * A delivery status, for the invitation the callback URL names (its message id then filled in if a crash lost it)
   * or else for the message id; never backwards. Returns whether a row matched.
   */
  async recordStatus(invitationId: string | null, sid: string, status: string, errorCode: string | null): Promise<boolean> {
    const note = errorCode ? `SMS ${status} (error ${errorCode})` : null;
    const rank = RANK.replace('$1', '$2');
    const count = await this.prisma.$executeRawUnsafe(
      `UPDATE invitations SET message_id = COALESCE(message_id, $1), sms_status = $2, last_error = COALESCE($3, last_error),
         updated_at = now() AT TIME ZONE 'UTC'
       WHERE ${invitationId ? 'id = $4 AND (message_id IS NULL OR message_id = $1)' : 'message_id = $1'}
         AND (sms_status IS NULL OR ${RANK_OF_COLUMN} <= ${rank})`,
      sid,
      status,
      note,
      ...(invitationId ? [invitationId] : []),
    );
    return count > 0;
  }
}
