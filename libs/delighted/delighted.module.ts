import { Module } from '@nestjs/common';
import { DistributionModule } from '@cairn/distribution';
import { PeopleModule } from '@cairn/people';
import { PrivacyModule } from '@cairn/privacy';
import { RateLimitModule } from '@cairn/rate-limit';
import { ResponseImportModule, ResponsesModule } from '@cairn/responses';
import { ScoringModule } from '@cairn/scoring';
import { DelightedAutopilotRepository } from './delighted-autopilot.repository';
import { DelightedAutopilotService } from './delighted-autopilot.service';
import { DelightedImportService } from './delighted-import.service';
import { DelightedMetricsRepository } from './delighted-metrics.repository';
import { DelightedMetricsService } from './delighted-metrics.service';
import { DelightedPeopleQueryService } from './delighted-people-query.service';
import { DelightedPeopleService } from './delighted-people.service';
import { DelightedPersonRepository } from './delighted-person.repository';
import { DelightedPersonWriter } from './delighted-person.writer';
import { DelightedRateLimit, DelightedRateLimitGuard } from './delighted-rate-limit.guard';
import { DelightedResponseRepository } from './delighted-response.repository';
import { DelightedResponseWriter } from './delighted-response.writer';
import { DelightedResponsesService } from './delighted-responses.service';
import { DelightedSuppressionRepository } from './delighted-suppression.repository';
import { DelightedSuppressionsService } from './delighted-suppressions.service';
import { DelightedSurveyRepository } from './delighted-survey.repository';
import { DelightedSurveyService } from './delighted-survey.service';
import { DelightedTrendRepository } from './delighted-trend.repository';

// Everything here is used by the Delighted controllers (another module), so all of it is exported.
const DELIGHTED_SERVICES = [
  DelightedSurveyService,
  DelightedPersonWriter,
  DelightedPeopleService,
  DelightedPeopleQueryService,
  DelightedResponseWriter,
  DelightedResponsesService,
  DelightedMetricsService,
  DelightedSuppressionsService,
  DelightedImportService,
  DelightedAutopilotService,
  DelightedRateLimit,
  DelightedRateLimitGuard,
];

// Only the services above reach these.
const DELIGHTED_REPOSITORIES = [
  DelightedSurveyRepository,
  DelightedPersonRepository,
  DelightedResponseRepository,
  DelightedSuppressionRepository,
  DelightedMetricsRepository,
  DelightedTrendRepository,
  DelightedAutopilotRepository,
];

/** Delighted's v1 API on Cairn's services (people, distribution, responses, privacy). */
@Module({
  imports: [DistributionModule, PeopleModule, PrivacyModule, ResponsesModule, ResponseImportModule, RateLimitModule, ScoringModule],
  providers: [...DELIGHTED_REPOSITORIES, ...DELIGHTED_SERVICES],
  // Controllers elsewhere instantiate the rate-limit guard, which needs the counters.
  exports: [RateLimitModule, ...DELIGHTED_SERVICES],
})
export class DelightedModule {}
