import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from './prisma.service';

/** The options Prisma's interactive $transaction takes (maxWait, timeout, isolationLevel). */
export type TransactionOptions = Parameters<PrismaService['$transaction']>[1];

/**
 * How long a transaction may wait for a pool connection before it fails, unless the caller says. Prisma's own
 * default is 2 s: under a burst (or a loaded CI machine) a plain write then failed with "Unable to start a
 * transaction in the given time" although a connection came free a moment later. Waiting is what a queue for the
 * pool is for; a request still ends at its own deadline.
 */
export const TRANSACTION_MAX_WAIT_MS = 10_000;

/** The time limit of a bulk write of history (an import, the demo seeder's past answers): thousands of rows at once. */
export const BULK_WRITE_TIMEOUT_MS = 120_000;

/**
 * Lets a service run several repository calls atomically without touching
 * Prisma itself: the service passes the `tx` it receives to each repository,
 * which otherwise uses its own client. Options go to $transaction as given,
 * so timeouts and isolation levels stay where the service states them; only
 * a missing `maxWait` becomes TRANSACTION_MAX_WAIT_MS.
 */
@Injectable()
export class TransactionRunner {
  constructor(private readonly prisma: PrismaService) {}

  run<T>(work: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T> {
    return this.prisma.$transaction(work, { maxWait: TRANSACTION_MAX_WAIT_MS, ...options });
  }
}
