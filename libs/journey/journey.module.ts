import { Module } from '@nestjs/common';
import { JourneyOrderService } from './journey-order.service';
import { JourneyRepository } from './journey.repository';
import { JourneyService } from './journey.service';
import { TouchpointRepository } from './touchpoint.repository';
import { TouchpointService } from './touchpoint.service';

@Module({
  providers: [JourneyRepository, TouchpointRepository, JourneyService, JourneyOrderService, TouchpointService],
  exports: [JourneyRepository, JourneyService, JourneyOrderService, TouchpointService],
})
export class JourneyModule {}
