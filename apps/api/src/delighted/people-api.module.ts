import { Module } from '@nestjs/common';
import { DelightedModule } from '@cairn/delighted';
import { PeopleModule } from '@cairn/people';
import { PrivacyModule } from '@cairn/privacy';
import { PersonController } from '../controllers/person.controller';
import { DelightedAutopilotController } from './delighted-autopilot.controller';
import { DelightedMetricsController } from './delighted-metrics.controller';
import { DelightedPeopleController } from './delighted-people.controller';
import { DelightedResponsesController } from './delighted-responses.controller';

/** The people API (/api/v1/people) and Delighted's v1 API (/compat/delighted/v1). */
@Module({
  imports: [PeopleModule, PrivacyModule, DelightedModule],
  controllers: [
    PersonController,
    DelightedPeopleController,
    DelightedResponsesController,
    DelightedMetricsController,
    DelightedAutopilotController,
  ],
})
export class PeopleApiModule {}
