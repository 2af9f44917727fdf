import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AppConfig } from '@cairn/config';
import { CoreModule } from '@cairn/core';
import { DemoModule } from '@cairn/demo';
import { JourneyModule } from '@cairn/journey';
import { SurveyModule } from '@cairn/survey';
import { HealthController, MetricsController, MetricsService, OperationsModule } from '@cairn/ops';
import { JourneyController } from './controllers/journey.controller';
import { SurveyController } from './controllers/survey.controller';
import { TouchpointController } from './controllers/touchpoint.controller';
import { TouchpointQrController } from './controllers/touchpoint-qr.controller';
import { JourneyMapController } from './controllers/journey-map.controller';
import { MapExportController } from './controllers/map-export.controller';
import { PersonaController } from './controllers/persona.controller';
import { ScoreController } from './controllers/score.controller';
import { PersonasModule } from '@cairn/personas';
import { ScoresModule } from '@cairn/scores';
import { PeopleApiModule } from './delighted/people-api.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { PublicModule } from '@cairn/public';
import { ResponseImportModule, ResponsesModule } from '@cairn/responses';
import { ResponseController } from './controllers/response.controller';
import { ResponseImportController } from './controllers/response-import.controller';
import { AnswerController } from './public/answer.controller';
import { PublicResponseController } from './public/public-response.controller';
import { UnsubscribeController } from './public/unsubscribe.controller';
import { WidgetController } from './public/widget.controller';
import { ShortLinkController } from './public/short-link.controller';
import { SmsHookController } from './public/sms-hook.controller';
import { SmsModule } from '@cairn/sms';
import { TouchpointPageController } from './public/touchpoint-page.controller';
import { WidgetIdentityController } from './controllers/widget-identity.controller';
import { WidgetSettingsController } from './controllers/widget-settings.controller';
import { JobController } from './controllers/job.controller';
import { AlertsModule } from '@cairn/alerts';
import { CasesModule } from '@cairn/cases';
import { WebhooksModule } from '@cairn/webhooks';
import { AlertRuleController } from './controllers/alert-rule.controller';
import { CaseController } from './controllers/case.controller';
import { WebhookController } from './controllers/webhook.controller';
import { WebhookEventsController } from './controllers/webhook-events.controller';
import { DistributionModule } from '@cairn/distribution';
import { EventController } from './controllers/event.controller';
import { InvitationController } from './controllers/invitation.controller';
import { DevMailController } from './controllers/dev-mail.controller';
import { DevMailCatcherModule } from '@cairn/mail';
import { InsightsModule } from '@cairn/insights';
import { ThemeController } from './controllers/theme.controller';
import { InsightsController } from './controllers/insights.controller';
import { ImprovementsModule } from '@cairn/improvements';
import { MapExportModule } from '@cairn/map-export';
import { ImprovementController } from './controllers/improvement.controller';
import { DriversModule } from '@cairn/drivers';
import { DriversController } from './controllers/drivers.controller';
import { DeliverabilityModule } from '@cairn/deliverability';
import { DeliverabilityController } from './controllers/deliverability.controller';
import { ProviderHooksController } from './public/provider-hooks.controller';

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
        ResponseImportModule,
        PublicModule,
        WebhooksModule,
        AlertsModule,
        CasesModule,
        DistributionModule,
        DevMailCatcherModule,
        OperationsModule,
        InsightsModule,
        ImprovementsModule,
        MapExportModule,
        DriversModule,
        SmsModule,
        DeliverabilityModule,
      ],
      controllers: [
        HealthController,
        SmsHookController,
        ShortLinkController,
        MetricsController,
        JourneyController,
        TouchpointController,
        TouchpointQrController,
        SurveyController,
        ScoreController,
        JourneyMapController,
        MapExportController,
        PersonaController,
        ResponseController,
        ResponseImportController,
        AnswerController,
        UnsubscribeController,
        PublicResponseController,
        WidgetController,
        TouchpointPageController,
        WidgetIdentityController,
        WidgetSettingsController,
        AlertRuleController,
        CaseController,
        WebhookController,
        WebhookEventsController,
        EventController,
        InvitationController,
        DevMailController,
        JobController,
        ThemeController,
        InsightsController,
        ImprovementController,
        DriversController,
        DeliverabilityController,
        ProviderHooksController,
      ],
      providers: [MetricsService],
    };
  }
}
