import { Module } from '@nestjs/common';
import { ScoringModule } from '@cairn/scoring';
import { FirstAnswerRepository } from './first-answer.repository';
import { ResponseListService } from './response-list.service';
import { ResponseQueryRepository } from './response-query.repository';
import { ResponseRecorderService } from './response-recorder.service';
import { ResponseSnapshotRepository } from './response-snapshot.repository';
import { ResponseRepository } from './response.repository';

@Module({
  imports: [ScoringModule],
  providers: [
    ResponseRepository,
    FirstAnswerRepository,
    ResponseQueryRepository,
    ResponseRecorderService,
    ResponseListService,
    ResponseSnapshotRepository,
  ],
  exports: [ResponseRecorderService, ResponseListService, ResponseSnapshotRepository, ResponseRepository],
})
export class ResponsesModule {}
