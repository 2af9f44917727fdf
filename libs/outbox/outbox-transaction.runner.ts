import { Injectable } from '@nestjs/common';
import { TransactionOptions, TransactionRunner, Tx } from '@cairn/database';
import { OutboxRelayService } from './outbox-relay.service';
import { OutboxRepository } from './outbox.repository';

/**
 * "Write, add outbox rows, commit, then flush" in one place: runs `work` in a
 * transaction and, once it committed, hands whatever it added to the outbox
 * to the relay at once (the fast path; the worker's scheduled relay catches
 * anything a crash right after the commit leaves behind). Nothing is flushed
 * when the transaction fails or added nothing.
 */
@Injectable()
export class OutboxTransactionRunner {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly outbox: OutboxRepository,
    private readonly relay: OutboxRelayService,
  ) {}

  async run<T>(work: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T> {
    let used: Tx | null = null;
    const result = await this.transactions.run((tx) => {
      used = tx;
      return work(tx);
    }, options);
    if (used && this.outbox.wroteIn(used)) this.relay.flushSoon();
    return result;
  }
}
