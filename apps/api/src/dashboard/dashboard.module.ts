import { Module } from '@nestjs/common';
import { JourneyModule } from '@cairn/journey';
import { ScoreContextService } from '@cairn/scores';
import { ScoreTargetRepository } from '@cairn/scores';
import { UsersModule } from '@cairn/users';
import { ApiKeyController } from './api-key.controller';
import { AuthController } from './auth.controller';
import { InsightsController } from './insights.controller';
import { InsightsRepository } from './insights.repository';
import { InsightsService } from './insights.service';
import { SurveyPreviewController } from './survey-preview.controller';
import { UserController } from './user.controller';

/** Everything the dashboard adds to the API: sessions, users, API keys, the email preview, comment search. */
@Module({
  imports: [UsersModule, JourneyModule],
  controllers: [AuthController, UserController, ApiKeyController, SurveyPreviewController, InsightsController],
  // The score module's filter context (segments + persona) is reused for comments, so both read segments alike.
  providers: [InsightsService, InsightsRepository, ScoreContextService, ScoreTargetRepository],
})
export class DashboardModule {}
