import { Global, Module } from '@nestjs/common';
import { DatabaseHealthRepository } from './database-health.repository';
import { pgPoolProvider, PG_POOL } from './pg-pool.provider';
import { PrismaService } from './prisma.service';
import { readPoolProvider, readPrismaProvider } from './read-replica.provider';
import { HistoryLayout } from './history-layout';
import { ReadRouter } from './read-router';
import { TransactionRunner } from './transaction.runner';

@Global()
@Module({
  providers: [
    pgPoolProvider,
    PrismaService,
    HistoryLayout,
    TransactionRunner,
    DatabaseHealthRepository,
    readPoolProvider,
    readPrismaProvider,
    ReadRouter,
  ],
  exports: [PG_POOL, PrismaService, HistoryLayout, TransactionRunner, DatabaseHealthRepository, ReadRouter],
})
export class DatabaseModule {}
