import { Module } from '@nestjs/common';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimitPolicy } from './rate-limit.policy';
import { RateLimitRepository } from './rate-limit.repository';

@Module({
  providers: [RateLimitPolicy, RateLimitRepository, RateLimitGuard],
  exports: [RateLimitPolicy, RateLimitRepository, RateLimitGuard],
})
export class RateLimitModule {}
