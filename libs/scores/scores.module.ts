import { Module } from '@nestjs/common';
import { JourneyMapService } from './journey-map.service';
import { MapCommentsRepository } from './map-comments.repository';
import { ResponseRateRepository } from './response-rate.repository';
import { ScoreContextService } from './score-context.service';
import { ScoreCountsRepository } from './score-counts.repository';
import { ScoreTargetRepository } from './score-target.repository';
import { ScoreService } from './score.service';

@Module({
  providers: [
    ScoreService,
    JourneyMapService,
    ScoreContextService,
    ScoreCountsRepository,
    ScoreTargetRepository,
    ResponseRateRepository,
    MapCommentsRepository,
  ],
  exports: [ScoreService, JourneyMapService, ScoreContextService, ScoreTargetRepository, ScoreCountsRepository],
})
export class ScoresModule {}
