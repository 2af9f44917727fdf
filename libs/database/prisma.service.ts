import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import type { Pool } from 'pg';
import { PG_POOL } from './pg-pool.provider';
import { PrismaClient } from './generated/client';
import { StatementNames } from './statement-names';

/** The one Prisma client of a process, on the process's node-postgres pool (PG_POOL), which outlives database restarts. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(@Inject(PG_POOL) private readonly pgPool: Pool) {
    const names = new StatementNames();
    super({
      adapter: new PrismaPg(pgPool, {
        disposeExternalPool: false,
        // undefined leaves a statement unnamed (node-postgres checks the name for truthiness); the type says string only.
        statementNameGenerator: (query) => names.nameOf(query.sql, query.args.length) as string,
      }),
    });
  }

  /** The pool ends with the Prisma client (as when the adapter disposed of a pool of its own). */
  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
    await this.pgPool.end();
  }
}

export type Tx = Parameters<Parameters<PrismaService['$transaction']>[0]>[0];
