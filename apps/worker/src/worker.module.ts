import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AppConfig } from '@cairn/config';
import { CoreModule } from '@cairn/core';
import { HealthController } from '@cairn/ops';
import { AlertsModule } from '@cairn/alerts';
import { CasesModule } from '@cairn/cases';
import { WebhooksModule } from '@cairn/webhooks';
import { PrivacyModule } from '@cairn/privacy';
import { DistributionModule } from '@cairn/distribution';
import { InsightsModule } from '@cairn/insights';
import { SmsModule } from '@cairn/sms';
import { BounceInboxModule } from '@cairn/deliverability';

/** The worker: every job handler, and HTTP only for health checks. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot(config),
        TerminusModule,
        PrivacyModule,
        WebhooksModule,
        AlertsModule,
        CasesModule,
        DistributionModule,
        InsightsModule,
        SmsModule,
        BounceInboxModule,
      ],
      controllers: [HealthController],
    };
  }
}
