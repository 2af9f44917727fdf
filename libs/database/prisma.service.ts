import { setFlagsFromString } from 'node:v8';
import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import type { Pool } from 'pg';
import { PG_POOL } from './pg-pool.provider';
import { PrismaClient } from './generated/client';
import { StatementNames } from './statement-names';
import './bigint-json';

// Prisma 7's query compiler is a 3.4 MB WebAssembly module, compiled on the
// first query. V8 tiers its hot functions up to TurboFan, which kept ~60 MB
// more resident in every process (measured: API 275 → 215 MB after boot) for
// about 5 % less CPU per Prisma call; hot paths bypass Prisma anyway. Set
// before any compile, so it holds however the process was started (issue 12).
setFlagsFromString('--liftoff-only');

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
