import { Module } from '@nestjs/common';
import { CasesModule } from '@cairn/cases';
import { AlertRuleService } from './alert-rule.service';
import { ResponseAlertService } from './response-alert.service';
import { ScoreDropService } from './score-drop.service';

@Module({
  imports: [CasesModule],
  providers: [AlertRuleService, ResponseAlertService, ScoreDropService],
  exports: [AlertRuleService],
})
export class AlertsModule {}
