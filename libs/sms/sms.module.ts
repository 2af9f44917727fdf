import { Module } from '@nestjs/common';
import { DistributionModule } from '@cairn/distribution';
import { ResponsesModule } from '@cairn/responses';
import { SmsGateService } from './sms-gate.service';
import { SmsHookRepository } from './sms-hook.repository';
import { SmsHookService } from './sms-hook.service';
import { SmsInvitationRepository } from './sms-invitation.repository';
import { SmsProvider } from './sms-provider';
import { SmsSendService } from './sms-send.service';

/** Survey texts: the send (registered with the send job), the provider adapter, and the reply/status hook. */
@Module({
  imports: [DistributionModule, ResponsesModule],
  providers: [SmsProvider, SmsInvitationRepository, SmsGateService, SmsSendService, SmsHookRepository, SmsHookService],
  exports: [SmsHookService, SmsSendService, SmsProvider],
})
export class SmsModule {}
