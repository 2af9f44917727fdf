import { Module } from '@nestjs/common';
import { ErasureRepository } from './erasure.repository';
import { ErasureService } from './erasure.service';
import { RetentionRepository } from './retention.repository';
import { RetentionService } from './retention.service';
import { WebhookCopiesRepository } from './webhook-copies.repository';

@Module({
  providers: [ErasureRepository, ErasureService, RetentionRepository, RetentionService, WebhookCopiesRepository],
  exports: [ErasureService, RetentionService],
})
export class PrivacyModule {}
