import { Module } from '@nestjs/common';
import { JobInspectionRepository, JobOwnershipRepository, JobViewService } from '@cairn/jobs';
import { OperatorRepository } from './operator.repository';
import { OperatorService } from './operator.service';

/** Who may see the instance's queues (operators), and each workspace's view of its own jobs. */
@Module({
  providers: [OperatorRepository, OperatorService, JobInspectionRepository, JobOwnershipRepository, JobViewService],
  exports: [OperatorService, JobViewService],
})
export class OperationsModule {}
