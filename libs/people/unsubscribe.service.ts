import { Injectable } from '@nestjs/common';
import { Clock } from '@cairn/common';
import { Tx } from '@cairn/database';
import { OutboxRepository, OutboxTransactionRunner } from '@cairn/outbox';
import { emailWhere } from './person-query.repository';
import { PersonRepository } from './person.repository';
import { UnsubscribeRepository } from './unsubscribe.repository';

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
    private readonly transactions: OutboxTransactionRunner,
    private readonly people: PersonRepository,
    private readonly unsubscribes: UnsubscribeRepository,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
  ) {}

  async byPersonId(workspaceId: string, personId: string): Promise<UnsubscribeResult | null> {
    const result = await this.transactions.run(async (tx) => {
      const person = await this.people.lockFirst(tx, workspaceId, { id: personId });
      return person ? this.apply(tx, workspaceId, person) : null;
    });
    return result;
  }

  /** By address, as Delighted's POST /unsubscribes: works even for an address Cairn has never seen. */
  async byEmail(workspaceId: string, email: string): Promise<UnsubscribeResult> {
    const result = await this.transactions.run(async (tx) => {
      const person = await this.people.lockFirst(tx, workspaceId, emailWhere(email));
      if (person) return this.apply(tx, workspaceId, person);
      const changed = await this.suppress(tx, workspaceId, email);
      return { personId: null, changed };
    });
    return result;
  }

  private async apply(tx: Tx, workspaceId: string, person: { id: string; email: string | null; unsubscribedAt: Date | null }) {
    const now = this.clock.now();
    const suppressed = person.email ? await this.suppress(tx, workspaceId, person.email) : false;
    const changed = !person.unsubscribedAt || suppressed;
    if (!person.unsubscribedAt) await this.people.markUnsubscribed(tx, person.id, now);
    await this.unsubscribes.cancelPendingSurveys(tx, person.id);
    if (changed) {
      await this.outbox.add(tx, [{ topic: 'person.unsubscribed', workspaceId, data: { personId: person.id } }]);
    }
    return { personId: person.id, changed };
  }

  /** True when the address was not suppressed as unsubscribed before. */
  private async suppress(tx: Tx, workspaceId: string, email: string): Promise<boolean> {
    if ((await this.unsubscribes.suppressionReason(tx, workspaceId, email)) === 'unsubscribed') return false;
    await this.unsubscribes.suppressUnsubscribed(tx, workspaceId, email, this.clock.now());
    return true;
  }
}
