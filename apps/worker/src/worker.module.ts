import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AppConfig } from '../../../libs/config/app-config';
import { CoreModule } from '../../../libs/core.module';
import { HealthController } from '../../../libs/ops/health.controller';
import { AlertsModule } from '../../../libs/alerts/alerts.module';
import { CasesModule } from '../../../libs/cases/cases.module';
import { WebhooksModule } from '../../../libs/webhooks/webhooks.module';
import { PrivacyModule } from '../../../libs/privacy/privacy.module';
import { DistributionModule } from '../../../libs/distribution/distribution.module';

/** The worker: every job handler, and HTTP only for health checks. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CoreModule.forRoot(config), TerminusModule, PrivacyModule, WebhooksModule, AlertsModule, CasesModule, DistributionModule],
      controllers: [HealthController],
    };
  }
}
