// Public API of the database module. Only *.repository.ts files use PrismaService and Tx;
// services run several repository calls atomically through TransactionRunner.
export { DatabaseModule } from './database.module.js';
export { PrismaService, type Tx } from './prisma.service.js';
export { BULK_WRITE_TIMEOUT_MS, TRANSACTION_MAX_WAIT_MS, TransactionRunner, type TransactionOptions } from './transaction.runner.js';
export { DatabaseHealthRepository } from './database-health.repository.js';
export * from './generated/client';
export * from './held-commit';
export * from './migration-runner';
export * from './layout-runner';
export * from './pg-pool.factory';
export * from './pg-pool.provider';
export * from './sql-literal';
export * from './array-param';
export * from './keyed-status';
export * from './read-replica.provider';
export * from './read-router';
export * from './history-layout';
export * from './retention-mark';
