import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '@cairn/database';
import { outboxRowValues } from './outbox-rows';
import { OutboxMessage } from './outbox.types';

export interface OutboxRow {
  seq: bigint;
  id: string;
  workspaceId: string | null;
  topic: string;
  payload: unknown;
  createdAt: Date;
}

@Injectable()
export class OutboxRepository {
  /** Transactions that added rows: OutboxTransactionRunner flushes after their commit. Weak, so a finished one is forgotten. */
  private readonly written = new WeakSet<Tx>();

  constructor(private readonly prisma: PrismaService) {}

  /** Call inside the transaction of the change being announced. */
  async add(tx: Tx, messages: OutboxMessage[]): Promise<void> {
    if (!messages.length) return;
    this.written.add(tx);
    await tx.outboxEvent.createMany({ data: messages.map(outboxRowValues) });
  }

  wroteIn(tx: Tx): boolean {
    return this.written.has(tx);
  }

  find(id: string) {
    return this.prisma.outboxEvent.findUnique({ where: { id } });
  }

  countPending(): Promise<number> {
    return this.prisma.outboxEvent.count({ where: { processedAt: null } });
  }
}
