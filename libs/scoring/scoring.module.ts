import { Module } from '@nestjs/common';
import { RollupRepository } from './rollup.repository';

/** The score rollups' one repository: responses, the Delighted import and the demo seeder import this module. */
@Module({ providers: [RollupRepository], exports: [RollupRepository] })
export class ScoringModule {}
