import { Module } from '@nestjs/common';
import { ScoresModule } from '@cairn/scores';
import { ImprovementEffectService } from './improvement-effect.service';
import { ImprovementRepository } from './improvement.repository';
import { ImprovementService } from './improvement.service';

/** Improvements on touchpoints and the effect Cairn measures from their launch (issue 14). */
@Module({
  imports: [ScoresModule],
  providers: [ImprovementRepository, ImprovementEffectService, ImprovementService],
  exports: [ImprovementService],
})
export class ImprovementsModule {}
