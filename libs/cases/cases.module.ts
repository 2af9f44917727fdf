import { Module } from '@nestjs/common';
import { MailRepository } from '../mail/mail.repository';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { CaseMailService } from './case-mail.service';
import { CaseOpenerService } from './case-opener.service';
import { CaseService } from './case.service';

@Module({
  imports: [WebhooksModule],
  providers: [CaseService, CaseOpenerService, CaseMailService, MailRepository],
  exports: [CaseService, CaseOpenerService],
})
export class CasesModule {}
