import { Injectable } from '@nestjs/common';
import { normalizeEmail } from '@cairn/common';
import { PrismaService, Tx } from '@cairn/database';
import type { BounceKind } from '@cairn/database';

export interface BouncedInvitation {
  id: string;
  workspaceId: string;
  personId: string;
  status: string;
  /** When the email left: the "sent" mark's instant, or the hand-over's while that mark is still to come. */
  sentAt: Date | null;
  messageId: string | null;
  emailHash: string | null;
  email: string | null;
}

export interface BounceRow {
  workspaceId: string;
  invitationId: string | null;
  emailHash: string;
  domain: string;
  kind: BounceKind;
  source: string;
  status: string | null;
  reportKey: string;
}

const INVITATION = {
  id: true,
  workspaceId: true,
  personId: true,
  status: true,
  sentAt: true,
  handedOverAt: true,
  messageId: true,
  person: { select: { email: true, emailHash: true } },
} as const;

type Loaded = { person: { email: string | null; emailHash: string | null }; handedOverAt: Date | null } & Omit<
  BouncedInvitation,
  'email' | 'emailHash'
>;
const flatten = (row: Loaded | null): BouncedInvitation | null =>
  row
    ? {
        id: row.id,
        workspaceId: row.workspaceId,
        personId: row.personId,
        status: row.status,
        sentAt: row.sentAt ?? row.handedOverAt,
        messageId: row.messageId,
        email: row.person.email,
        emailHash: row.person.emailHash,
      }
    : null;

/** Bounce and complaint records, and what they change on invitations, suppressions and people. */
@Injectable()
export class BounceRepository {
  constructor(private readonly prisma: PrismaService) {}

  async invitation(id: string): Promise<BouncedInvitation | null> {
    return flatten(await this.prisma.invitation.findUnique({ where: { id }, select: INVITATION }));
  }

  /** The last survey email sent to the address in the workspace (provider events name the address, not the invitation). */
  async lastSentTo(workspaceId: string, emailHash: string): Promise<BouncedInvitation | null> {
    const row = await this.prisma.invitation.findFirst({
      // An email handed to SMTP whose "sent" mark is still to come (a few milliseconds, or until a run takes over the
      // claim of a sender that died) is the newest: a report may come back that fast.
      where: { workspaceId, OR: [{ sentAt: { not: null } }, { handedOverAt: { not: null } }], person: { emailHash, erasedAt: null } },
      orderBy: { sentAt: { sort: 'desc', nulls: 'first' } },
      select: INVITATION,
    });
    return flatten(row);
  }

  /** False when the same report was recorded before. */
  async record(tx: Tx, row: BounceRow): Promise<boolean> {
    const inserted = await tx.bounce.createMany({ data: [row], skipDuplicates: true });
    return inserted.count === 1;
  }

  /** A sent invitation, or one whose email was handed over and is still to be marked sent (the mark then finds it bounced). */
  async markBounced(tx: Tx, invitationId: string, status: string | null): Promise<void> {
    await tx.$executeRaw`
      UPDATE invitations SET status = 'bounced', reason = ${status ?? 'bounced'}, sent_at = COALESCE(sent_at, handed_over_at),
        updated_at = now() AT TIME ZONE 'UTC'
      WHERE id = ${invitationId} AND (status = 'sent' OR (status = 'sending' AND handed_over_at IS NOT NULL))`;
  }

  /** Soft bounces of the address since `since`: how many, and the first and last. */
  async softBounces(tx: Tx, workspaceId: string, emailHash: string, since: Date) {
    const found = await tx.bounce.aggregate({
      where: { workspaceId, emailHash, kind: 'soft', createdAt: { gte: since } },
      _count: { _all: true },
      _min: { createdAt: true },
      _max: { createdAt: true },
    });
    return { count: found._count._all, first: found._min.createdAt, last: found._max.createdAt };
  }

  /** Suppresses the address; `complained` replaces an earlier reason (but never `erased`), `bounced` keeps the first. */
  async suppress(tx: Tx, workspaceId: string, emailHash: string, email: string, reason: 'bounced' | 'complained', detail: string | null) {
    const existing = await tx.suppression.findUnique({ where: { workspaceId_emailHash: { workspaceId, emailHash } } });
    if (!existing) {
      await tx.suppression.create({ data: { workspaceId, emailHash, email: normalizeEmail(email), reason, detail } });
      return true;
    }
    if (reason === 'complained' && existing.reason !== 'erased' && existing.reason !== 'complained') {
      await tx.suppression.update({ where: { id: existing.id }, data: { reason, detail } });
    }
    return false;
  }

  /** A complaint unsubscribes: the person is marked and their scheduled surveys are called off. True if newly unsubscribed. */
  async unsubscribe(tx: Tx, personId: string, at: Date): Promise<boolean> {
    const marked = await tx.person.updateMany({ where: { id: personId, unsubscribedAt: null }, data: { unsubscribedAt: at } });
    await tx.invitation.updateMany({ where: { personId, status: 'scheduled' }, data: { status: 'cancelled', reason: 'complained' } });
    await tx.invitation.updateMany({ where: { personId, reminderDueAt: { not: null } }, data: { reminderDueAt: null } });
    return marked.count === 1;
  }
}
