import type { Provider } from '@nestjs/common';
import type { Pool } from 'pg';
import { APP_CONFIG, AppConfig } from '@cairn/config';
import { createPgPool } from './pg-pool.factory';

/** The one node-postgres pool of a process: Prisma's adapter and the hand-over's raw COMMIT share it. */
export const PG_POOL = Symbol('PG_POOL');

/** 20 connections for Prisma's queries and 10 for hand-overs, as when each had a pool of its own. */
export const PG_POOL_SIZE = 30;

export const pgPoolProvider: Provider<Pool> = {
  provide: PG_POOL,
  useFactory: (config: AppConfig) => createPgPool(config.databaseUrl, PG_POOL_SIZE, 'Postgres'),
  inject: [APP_CONFIG],
};
