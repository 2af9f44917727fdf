import type { Provider } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import type { Pool } from 'pg';
import { APP_CONFIG, AppConfig } from '@cairn/config';
import { PrismaClient } from './generated/client';
import { createPgPool } from './pg-pool.factory';

/** The replica's pool (DATABASE_READ_URL), or null when every read goes to the primary. */
export const PG_READ_POOL = Symbol('PG_READ_POOL');
/** A Prisma client on the replica's pool, or null. */
export const READ_PRISMA = Symbol('READ_PRISMA');

/** Reads are fewer than writes' statements and each is one query: 20 connections, as Prisma's share of the primary's. */
export const PG_READ_POOL_SIZE = 20;

export const readPoolProvider: Provider<Pool | null> = {
  provide: PG_READ_POOL,
  useFactory: (config: AppConfig) =>
    config.databaseReadUrl ? createPgPool(config.databaseReadUrl, PG_READ_POOL_SIZE, 'Postgres replica') : null,
  inject: [APP_CONFIG],
};

export const readPrismaProvider: Provider<PrismaClient | null> = {
  provide: READ_PRISMA,
  useFactory: (pool: Pool | null) => (pool ? new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: false }) }) : null),
  inject: [PG_READ_POOL],
};
