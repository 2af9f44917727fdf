import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { AppConfig } from '@cairn/config';
import { APP_CONFIG } from '@cairn/config';
import { createPgPool } from './pg-pool.factory';
import { PrismaClient } from './generated/client';

/** The one Prisma client of a process, on a node-postgres pool that outlives database restarts. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super({ adapter: new PrismaPg(createPgPool(config.databaseUrl, 20, 'PrismaService'), { disposeExternalPool: true }) });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}

export type Tx = Parameters<Parameters<PrismaService['$transaction']>[0]>[0];
