import { Module } from '@nestjs/common';
import { SurveyService } from '../survey/survey.service';
import { JourneyRepository } from './journey.repository';
import { JourneyService } from './journey.service';
import { TouchpointService } from './touchpoint.service';

@Module({
  providers: [JourneyRepository, JourneyService, TouchpointService, SurveyService],
  exports: [JourneyRepository, JourneyService, TouchpointService, SurveyService],
})
export class JourneyModule {}
