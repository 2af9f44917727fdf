import { Global, Module } from '@nestjs/common';
import { pgPoolProvider, PG_POOL } from './pg-pool.provider';
import { PrismaService } from './prisma.service';
import { TransactionRunner } from './transaction.runner';

@Global()
@Module({ providers: [pgPoolProvider, PrismaService, TransactionRunner], exports: [PG_POOL, PrismaService, TransactionRunner] })
export class DatabaseModule {}
