import { Module } from '@nestjs/common';
import { ErasureRepository } from './erasure.repository';
import { ErasedJobsService } from './erased-jobs.service';
import { HistoryPartitionsRepository } from './history-partitions.repository';
import { HistoryPartitionsService } from './history-partitions.service';
import { ErasureService } from './erasure.service';
import { RetentionRepository } from './retention.repository';
import { RetentionService } from './retention.service';
import { WebhookCopiesRepository } from './webhook-copies.repository';

@Module({
  providers: [
    ErasureRepository,
    ErasureService,
    ErasedJobsService,
    HistoryPartitionsRepository,
    HistoryPartitionsService,
    RetentionRepository,
    RetentionService,
    WebhookCopiesRepository,
  ],
  exports: [ErasureService, HistoryPartitionsService, RetentionService],
})
export class PrivacyModule {}
