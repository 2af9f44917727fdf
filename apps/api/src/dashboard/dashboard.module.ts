import { Module } from '@nestjs/common';
import { InsightsModule } from '@cairn/insights';
import { JourneyModule } from '@cairn/journey';
import { PersonasModule } from '@cairn/personas';
import { ScoresModule } from '@cairn/scores';
import { UsersModule } from '@cairn/users';
import { ApiKeyController } from './api-key.controller';
import { AuthController } from './auth.controller';
import { InsightsController } from './insights.controller';
import { InsightsRepository } from './insights.repository';
import { InsightsService } from './insights.service';
import { MapViewController } from './map-view.controller';
import { MapViewService } from './map-view.service';
import { SurveyPreviewController } from './survey-preview.controller';
import { UserController } from './user.controller';

/** Everything the dashboard adds to the API: sessions, users, API keys, the email preview, comment search, the map page's one read. */
@Module({
  imports: [UsersModule, JourneyModule, ScoresModule, PersonasModule, InsightsModule],
  controllers: [AuthController, UserController, ApiKeyController, SurveyPreviewController, InsightsController, MapViewController],
  // InsightsService reuses the scores module's filter context (segments + persona), so comments and scores read segments alike.
  providers: [InsightsService, InsightsRepository, MapViewService],
})
export class DashboardModule {}
