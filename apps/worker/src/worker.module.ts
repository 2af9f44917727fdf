import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AppConfig } from '../../../libs/config/app-config';
import { CoreModule } from '../../../libs/core.module';
import { HealthController } from '../../../libs/ops/health.controller';

/** The worker: every job handler, and HTTP only for health checks. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CoreModule.forRoot(config), TerminusModule],
      controllers: [HealthController],
    };
  }
}
