import { Module } from '@nestjs/common';
import { ErasureRepository } from './erasure.repository';
import { ErasureService } from './erasure.service';
import { RetentionService } from './retention.service';

@Module({
  providers: [ErasureRepository, ErasureService, RetentionService],
  exports: [ErasureService, RetentionService],
})
export class PrivacyModule {}
