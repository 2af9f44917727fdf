import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from './prisma.service';

/** The options Prisma's interactive $transaction takes (maxWait, timeout, isolationLevel). */
export type TransactionOptions = Parameters<PrismaService['$transaction']>[1];

/**
 * Lets a service run several repository calls atomically without touching
 * Prisma itself: the service passes the `tx` it receives to each repository,
 * which otherwise uses its own client. Options go to $transaction unchanged,
 * so timeouts and isolation levels stay where the service states them.
 */
@Injectable()
export class TransactionRunner {
  constructor(private readonly prisma: PrismaService) {}

  run<T>(work: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T> {
    return this.prisma.$transaction(work, options);
  }
}
