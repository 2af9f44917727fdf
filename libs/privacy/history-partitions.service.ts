import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '@cairn/common';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { HistoryLayout } from '@cairn/database';
import { JobName, OnJob } from '@cairn/jobs';
import { HistoryPartitionsRepository } from './history-partitions.repository';
import { retentionCutoff } from './retention.service';

export interface PartitionsMaintained {
  /** Partitions that could not be made because the default partition holds rows of their month. */
  blocked: string[];
  dropped: string[];
}

/**
 * Keeps the history tables' monthly partitions: this month's and PARTITIONS_AHEAD_MONTHS more exist before a row
 * needs them, and with HISTORY_RETENTION_MONTHS set, whole months older than that many months are dropped, a
 * partition at a time instead of row by row. This horizon is the instance's, not a workspace's: per-workspace
 * retention (RetentionService) anonymises responses row by row, since its cutoff differs per workspace and the
 * answers keep counting in scores.
 */
@Injectable()
export class HistoryPartitionsService {
  private readonly logger = new Logger(HistoryPartitionsService.name);

  constructor(
    private readonly repo: HistoryPartitionsRepository,
    private readonly layout: HistoryLayout,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @OnJob(JobName.MaintainPartitions)
  async maintain(): Promise<PartitionsMaintained> {
    // Plain tables (HISTORY_PARTITIONED off): nothing to keep.
    if (!(await this.layout.partitioned())) return { blocked: [], dropped: [] };
    const now = this.clock.now();
    const blocked = await this.repo.ensure(this.config.history.aheadMonths, now);
    if (blocked.length) this.logger.warn(`partitions not made, rows of their month are in a default partition: ${blocked.join(', ')}`);
    const dropped: string[] = [];
    if (this.config.history.retentionMonths > 0) {
      for (const month of await this.repo.expiredMonths(retentionCutoff(now, this.config.history.retentionMonths))) {
        dropped.push(...(await this.repo.dropMonth(month)));
      }
      if (dropped.length) this.logger.log(`history retention dropped ${dropped.join(', ')}`);
    }
    return { blocked, dropped };
  }
}
