import { Module } from '@nestjs/common';
import { ScoringModule } from '@cairn/scoring';
import { ResponseListService } from './response-list.service';
import { ResponseQueryRepository } from './response-query.repository';
import { ResponseRecorderService } from './response-recorder.service';
import { ResponseSnapshotRepository } from './response-snapshot.repository';
import { ResponseRepository } from './response.repository';

@Module({
  imports: [ScoringModule],
  providers: [ResponseRepository, ResponseQueryRepository, ResponseRecorderService, ResponseListService, ResponseSnapshotRepository],
  exports: [ResponseRecorderService, ResponseListService, ResponseSnapshotRepository, ResponseRepository],
})
export class ResponsesModule {}
