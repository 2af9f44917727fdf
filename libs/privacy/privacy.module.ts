import { Module } from '@nestjs/common';
import { ErasureRepository } from './erasure.repository';
import { ErasedJobsService } from './erased-jobs.service';
import { ErasureService } from './erasure.service';
import { RetentionRepository } from './retention.repository';
import { RetentionService } from './retention.service';
import { WebhookCopiesRepository } from './webhook-copies.repository';

@Module({
  providers: [ErasureRepository, ErasureService, ErasedJobsService, RetentionRepository, RetentionService, WebhookCopiesRepository],
  exports: [ErasureService, RetentionService],
})
export class PrivacyModule {}
