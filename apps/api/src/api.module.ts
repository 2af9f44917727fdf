import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AppConfig } from '../../../libs/config/app-config';
import { CoreModule } from '../../../libs/core.module';
import { DemoModule } from '../../../libs/demo/demo.module';
import { JourneyModule } from '../../../libs/journey/journey.module';
import { HealthController } from '../../../libs/ops/health.controller';
import { MetricsController } from '../../../libs/ops/metrics.controller';
import { MetricsService } from '../../../libs/ops/metrics.service';
import { JourneyController } from './controllers/journey.controller';
import { SurveyController } from './controllers/survey.controller';
import { TouchpointController } from './controllers/touchpoint.controller';

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [CoreModule.forRoot(config), TerminusModule, JourneyModule, DemoModule],
      controllers: [HealthController, MetricsController, JourneyController, TouchpointController, SurveyController],
      providers: [MetricsService],
    };
  }
}
