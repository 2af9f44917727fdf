import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '@cairn/database';
import type { Claim } from './invitation-claim.repository';

const MAX_ERROR = 500;

/**
 * The reminder's state on a sent invitation. It reuses claimed_at: a claim
 * newer than the due time belongs to a reminder run (and fences it);
 * reminder_sent_at is set at hand-over (HandoverRepository), so a crash after
 * it never sends a second reminder.
 */
@Injectable()
export class ReminderClaimRepository {
  constructor(private readonly prisma: PrismaService) {}

  async claim(tx: Tx, id: string, now: Date, staleBefore: Date): Promise<boolean> {
    const count = await tx.$executeRaw`
      UPDATE invitations SET claimed_at = ${now}, updated_at = ${now}
      WHERE id = ${id} AND status = 'sent' AND reminder_sent_at IS NULL AND reminder_due_at <= ${now}
        AND expires_at > ${now} AND (claimed_at IS NULL OR claimed_at < reminder_due_at OR claimed_at < ${staleBefore})`;
    return count === 1;
  }

  /** No reminder for this invitation after all (the person may no longer be surveyed). */
  async drop(tx: Tx, id: string): Promise<void> {
    await tx.invitation.update({ where: { id }, data: { reminderDueAt: null } });
  }

  /** After the server's 250: in case the hand-over record did not make it. */
  async confirm(claim: Claim, now: Date): Promise<void> {
    await this.prisma.invitation.updateMany({
      where: { id: claim.id, reminderSentAt: null, claimedAt: claim.claimedAt },
      data: { reminderSentAt: now },
    });
  }

  /** Gives the reminder back for a retry (keepDue) or drops it. */
  async release(claim: Claim, lastError: string | null, keepDue: boolean): Promise<void> {
    await this.prisma.invitation.updateMany({
      where: { id: claim.id, claimedAt: claim.claimedAt },
      data: {
        reminderSentAt: null,
        claimedAt: null,
        lastError: lastError?.slice(0, MAX_ERROR),
        ...(keepDue ? {} : { reminderDueAt: null }),
      },
    });
  }
}
