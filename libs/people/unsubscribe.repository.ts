import { Injectable } from '@nestjs/common';
import { emailHash, normalizeEmail } from '@cairn/common';
import { Tx } from '@cairn/database';

/**
 * The writes of an unsubscribe besides the person row: the address on the
 * suppression list and the person's pending surveys called off. Each runs
 * inside the caller's transaction, after the person row is locked.
 */
@Injectable()
export class UnsubscribeRepository {
  /** Why the address is suppressed now, or null when it is not. */
  async suppressionReason(tx: Tx, workspaceId: string, email: string): Promise<string | null> {
    const existing = await tx.suppression.findUnique({ where: { workspaceId_emailHash: { workspaceId, emailHash: emailHash(email) } } });
    return existing?.reason ?? null;
  }

  /** Suppresses the address as unsubscribed (kept in clear: the Delighted API lists it), replacing any other reason. */
  async suppressUnsubscribed(tx: Tx, workspaceId: string, email: string, at: Date): Promise<void> {
    await tx.suppression.upsert({
      where: { workspaceId_emailHash: { workspaceId, emailHash: emailHash(email) } },
      create: { workspaceId, emailHash: emailHash(email), email: normalizeEmail(email), reason: 'unsubscribed' },
      update: { email: normalizeEmail(email), reason: 'unsubscribed', detail: null, createdAt: at },
    });
  }

  /** Scheduled surveys are cancelled and no reminder stays due. */
  async cancelPendingSurveys(tx: Tx, personId: string): Promise<void> {
    await tx.invitation.updateMany({ where: { personId, status: 'scheduled' }, data: { status: 'cancelled', reason: 'unsubscribed' } });
    await tx.invitation.updateMany({ where: { personId, reminderDueAt: { not: null } }, data: { reminderDueAt: null } });
  }
}
