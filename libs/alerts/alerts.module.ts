import { Module } from '@nestjs/common';
import { CasesModule } from '@cairn/cases';
import { AlertRuleRepository } from './alert-rule.repository';
import { AlertRuleService } from './alert-rule.service';
import { AlertRepository } from './alert.repository';
import { ResponseAlertRepository } from './response-alert.repository';
import { ResponseAlertService } from './response-alert.service';
import { ScoreDropService } from './score-drop.service';

@Module({
  imports: [CasesModule],
  providers: [AlertRuleRepository, AlertRepository, ResponseAlertRepository, AlertRuleService, ResponseAlertService, ScoreDropService],
  exports: [AlertRuleService],
})
export class AlertsModule {}
