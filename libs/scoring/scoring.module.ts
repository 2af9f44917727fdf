import { Module } from '@nestjs/common';
import { RollupFolderService } from './rollup-folder.service';
import { RollupRepository } from './rollup.repository';

/** The score rollups' one repository (responses, the Delighted import and the demo seeder write through it) and their folder. */
@Module({ providers: [RollupRepository, RollupFolderService], exports: [RollupRepository] })
export class ScoringModule {}
