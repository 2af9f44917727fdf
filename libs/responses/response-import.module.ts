import { Module } from '@nestjs/common';
import { PeopleModule } from '@cairn/people';
import { ScoringModule } from '@cairn/scoring';
import { PastAnswerRepository } from './past-answer.repository';
import { PastAnswerWriter } from './past-answer.writer';
import { ResponseImportService } from './response-import.service';
import { SurveyTargetRepository } from './survey-target.repository';

/** Answers given in the past: the history import and the writer Delighted's imports share with it. */
@Module({
  imports: [PeopleModule, ScoringModule],
  providers: [PastAnswerRepository, PastAnswerWriter, SurveyTargetRepository, ResponseImportService],
  // PastAnswerRepository: the demo's seeding stores its made-up history with the same statement, without the writer's
  // rollup deltas and announcements (it rebuilds the rollups itself).
  exports: [PastAnswerRepository, PastAnswerWriter, ResponseImportService],
})
export class ResponseImportModule {}
