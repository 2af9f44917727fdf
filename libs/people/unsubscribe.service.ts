import { Injectable } from '@nestjs/common';
import { emailHash, normalizeEmail } from '@cairn/common';
import { Clock } from '@cairn/common';
import { PrismaService, Tx } from '@cairn/database';
import { OutboxRelayService } from '@cairn/outbox';
import { OutboxRepository } from '@cairn/outbox';
import { emailWhere } from './person-query.repository';

export interface UnsubscribeResult {
  personId: string | null;
  /** False when the address was already unsubscribed: nothing was announced again. */
  changed: boolean;
}

/**
 * Unsubscribing: the person is marked, the address goes on the suppression
 * list (kept in clear so the Delighted API can list it), scheduled surveys are
 * cancelled and `person.unsubscribed` is announced once.
 */
@Injectable()
export class UnsubscribeService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly outbox: OutboxRepository,
    private readonly relay: OutboxRelayService,
    private readonly clock: Clock,
  ) {}

  async byPersonId(workspaceId: string, personId: string): Promise<UnsubscribeResult | null> {
    const result = await this.prisma.$transaction(async (tx) => {
      const person = await this.lock(tx, workspaceId, { id: personId });
      return person ? this.apply(tx, workspaceId, person) : null;
    });
    if (result?.changed) this.relay.flushSoon();
    return result;
  }

  /** By address, as Delighted's POST /unsubscribes: works even for an address Cairn has never seen. */
  async byEmail(workspaceId: string, email: string): Promise<UnsubscribeResult> {
    const result = await this.prisma.$transaction(async (tx) => {
      const person = await this.lock(tx, workspaceId, emailWhere(email));
      if (person) return this.apply(tx, workspaceId, person);
      const changed = await this.suppress(tx, workspaceId, email);
      return { personId: null, changed };
    });
    if (result.changed) this.relay.flushSoon();
    return result;
  }

  private async lock(tx: Tx, workspaceId: string, where: object) {
    const person = await tx.person.findFirst({ where: { workspaceId, erasedAt: null, ...where }, select: { id: true } });
    if (!person) return null;
    await tx.$queryRaw`SELECT id FROM people WHERE id = ${person.id} FOR UPDATE`;
    return tx.person.findUniqueOrThrow({ where: { id: person.id } });
  }

  private async apply(tx: Tx, workspaceId: string, person: { id: string; email: string | null; unsubscribedAt: Date | null }) {
    const now = this.clock.now();
    const suppressed = person.email ? await this.suppress(tx, workspaceId, person.email) : false;
    const changed = !person.unsubscribedAt || suppressed;
    if (!person.unsubscribedAt) await tx.person.update({ where: { id: person.id }, data: { unsubscribedAt: now } });
    await tx.invitation.updateMany({
      where: { personId: person.id, status: 'scheduled' },
      data: { status: 'cancelled', reason: 'unsubscribed' },
    });
    await tx.invitation.updateMany({ where: { personId: person.id, reminderDueAt: { not: null } }, data: { reminderDueAt: null } });
    if (changed) {
      await this.outbox.add(tx, [{ topic: 'person.unsubscribed', workspaceId, data: { personId: person.id } }]);
    }
    return { personId: person.id, changed };
  }

  /** True when the address was not suppressed as unsubscribed before. */
  private async suppress(tx: Tx, workspaceId: string, email: string): Promise<boolean> {
    const hash = emailHash(email);
    const existing = await tx.suppression.findUnique({ where: { workspaceId_emailHash: { workspaceId, emailHash: hash } } });
    if (existing?.reason === 'unsubscribed') return false;
    await tx.suppression.upsert({
      where: { workspaceId_emailHash: { workspaceId, emailHash: hash } },
      create: { workspaceId, emailHash: hash, email: normalizeEmail(email), reason: 'unsubscribed' },
      update: { email: normalizeEmail(email), reason: 'unsubscribed', detail: null, createdAt: this.clock.now() },
    });
    return true;
  }
}
