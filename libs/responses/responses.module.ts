import { Module } from '@nestjs/common';
import { RollupRepository } from '@cairn/scoring';
import { ResponseListService } from './response-list.service';
import { ResponseQueryRepository } from './response-query.repository';
import { ResponseRecorderService } from './response-recorder.service';
import { ResponseSnapshotRepository } from './response-snapshot.repository';
import { ResponseRepository } from './response.repository';

@Module({
  providers: [
    ResponseRepository,
    ResponseQueryRepository,
    ResponseRecorderService,
    ResponseListService,
    RollupRepository,
    ResponseSnapshotRepository,
  ],
  exports: [ResponseRecorderService, ResponseListService, ResponseSnapshotRepository],
})
export class ResponsesModule {}
