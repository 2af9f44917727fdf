import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobHandlerRegistry } from './job-handler.registry';
import { JobRepository } from './job.repository';

@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [JobRepository, JobHandlerRegistry],
  exports: [JobRepository, JobHandlerRegistry],
})
export class JobsModule {}
