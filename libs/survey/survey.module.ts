import { Module } from '@nestjs/common';
import { JourneyModule } from '@cairn/journey';
import { SurveyRepository } from './survey.repository';
import { SurveyService } from './survey.service';

/** Surveys hang off touchpoints, so this module builds on the journey module (never the other way round). */
@Module({
  imports: [JourneyModule],
  providers: [SurveyRepository, SurveyService],
  exports: [SurveyService],
})
export class SurveyModule {}
