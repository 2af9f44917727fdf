import { Module } from '@nestjs/common';
import { ScoringModule } from '@cairn/scoring';
import { AnswerSettleRepository } from './answer-settle.repository';
import { AnswerSettleService } from './answer-settle.service';
import { ClickCountService } from './click-count.service';
import { FirstAnswerRepository } from './first-answer.repository';
import { LinkOpenRepository } from './link-open.repository';
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
    AnswerSettleRepository,
    AnswerSettleService,
    LinkOpenRepository,
    ClickCountService,
  ],
  exports: [ClickCountService, ResponseRecorderService, ResponseListService, ResponseSnapshotRepository, ResponseRepository],
})
export class ResponsesModule {}
