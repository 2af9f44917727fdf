import { Global, Module } from '@nestjs/common';
import { DatabaseHealthRepository } from './database-health.repository';
import { pgPoolProvider, PG_POOL } from './pg-pool.provider';
import { PrismaService } from './prisma.service';
import { TransactionRunner } from './transaction.runner';

@Global()
@Module({
  providers: [pgPoolProvider, PrismaService, TransactionRunner, DatabaseHealthRepository],
  exports: [PG_POOL, PrismaService, TransactionRunner, DatabaseHealthRepository],
})
export class DatabaseModule {}
