import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AppConfig } from '../../../libs/config/app-config';
import { CoreModule } from '../../../libs/core.module';
import { DemoModule } from '../../../libs/demo/demo.module';
import { JourneyModule } from '../../../libs/journey/journey.module';
import { SurveyModule } from '../../../libs/survey/survey.module';
import { HealthController } from '../../../libs/ops/health.controller';
import { MetricsController } from '../../../libs/ops/metrics.controller';
import { MetricsService } from '../../../libs/ops/metrics.service';
import { JourneyController } from './controllers/journey.controller';
import { SurveyController } from './controllers/survey.controller';
import { TouchpointController } from './controllers/touchpoint.controller';
import { JourneyMapController } from './controllers/journey-map.controller';
import { PersonaController } from './controllers/persona.controller';
import { ScoreController } from './controllers/score.controller';
import { PersonasModule } from '../../../libs/personas/personas.module';
import { ScoresModule } from '../../../libs/scores/scores.module';
import { PeopleApiModule } from './delighted/people-api.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { PublicModule } from '../../../libs/public/public.module';
import { ResponsesModule } from '../../../libs/responses/responses.module';
import { ResponseController } from './controllers/response.controller';
import { AnswerController } from './public/answer.controller';
import { PublicResponseController } from './public/public-response.controller';
import { UnsubscribeController } from './public/unsubscribe.controller';
import { WidgetController } from './public/widget.controller';
import { WidgetIdentityController } from './controllers/widget-identity.controller';
import { JobController } from './controllers/job.controller';
import { OperationsModule } from '../../../libs/ops/operations.module';
import { AlertsModule } from '../../../libs/alerts/alerts.module';
import { CasesModule } from '../../../libs/cases/cases.module';
import { WebhooksModule } from '../../../libs/webhooks/webhooks.module';
import { AlertRuleController } from './controllers/alert-rule.controller';
import { CaseController } from './controllers/case.controller';
import { WebhookController } from './controllers/webhook.controller';
import { WebhookEventsController } from './controllers/webhook-events.controller';
import { DistributionModule } from '../../../libs/distribution/distribution.module';
import { EventController } from './controllers/event.controller';
import { InvitationController } from './controllers/invitation.controller';
import { DevMailController } from './controllers/dev-mail.controller';
import { DevMailCatcherModule } from '../../../libs/mail/dev-mail-catcher.module';

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        CoreModule.forRoot(config),
        TerminusModule,
        JourneyModule,
        SurveyModule,
        DemoModule,
        DashboardModule,
        PeopleApiModule,
        ScoresModule,
        PersonasModule,
        ResponsesModule,
        PublicModule,
        WebhooksModule,
        AlertsModule,
        CasesModule,
        DistributionModule,
        DevMailCatcherModule,
        OperationsModule,
      ],
      controllers: [
        HealthController,
        MetricsController,
        JourneyController,
        TouchpointController,
        SurveyController,
        ScoreController,
        JourneyMapController,
        PersonaController,
        ResponseController,
        AnswerController,
        UnsubscribeController,
        PublicResponseController,
        WidgetController,
        WidgetIdentityController,
        AlertRuleController,
        CaseController,
        WebhookController,
        WebhookEventsController,
        EventController,
        InvitationController,
        DevMailController,
        JobController,
      ],
      providers: [MetricsService],
    };
  }
}
