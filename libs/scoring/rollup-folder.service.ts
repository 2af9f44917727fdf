import { Injectable } from '@nestjs/common';
import { JobName, OnJob } from '@cairn/jobs';
import { RollupRepository } from './rollup.repository';

/**
 * The one writer of the rollup rows: every second the worker folds the
 * deltas answers appended (RollupRepository.apply) into the hour, day and week
 * counts. Until then reads add them, so nothing waits on this for exactness;
 * it only keeps the pending table small.
 */
@Injectable()
export class RollupFolderService {
  constructor(private readonly rollups: RollupRepository) {}

  @OnJob(JobName.FoldRollups)
  fold(): Promise<number> {
    return this.rollups.foldAll();
  }
}
