import { Module } from '@nestjs/common';
import { JourneyRepository } from './journey.repository';
import { JourneyService } from './journey.service';
import { TouchpointRepository } from './touchpoint.repository';
import { TouchpointService } from './touchpoint.service';

@Module({
  providers: [JourneyRepository, TouchpointRepository, JourneyService, TouchpointService],
  exports: [JourneyRepository, JourneyService, TouchpointService],
})
export class JourneyModule {}
