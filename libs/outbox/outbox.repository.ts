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

  /**
   * Locks a batch of unprocessed rows for the length of `work`, then marks
   * them processed; rows locked by another relay are skipped, not waited on.
   */
  async processBatch(limit: number, work: (rows: OutboxRow[]) => Promise<void>): Promise<number> {
    return this.prisma.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<OutboxRow[]>`
          SELECT seq, id, workspace_id AS "workspaceId", topic, payload, created_at AS "createdAt"
          FROM outbox_events
          WHERE processed_at IS NULL AND available_at <= now()
          ORDER BY seq
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED`;
        if (!rows.length) return 0;
        await work(rows);
        await tx.outboxEvent.updateMany({ where: { seq: { in: rows.map((r) => r.seq) } }, data: { processedAt: new Date() } });
        return rows.length;
      },
      { timeout: 30_000 },
    );
  }

  find(id: string) {
    return this.prisma.outboxEvent.findUnique({ where: { id } });
  }

  countPending(): Promise<number> {
    return this.prisma.outboxEvent.count({ where: { processedAt: null } });
  }
}
