import { Module } from '@nestjs/common';
import { MailRepository } from '../mail/mail.repository';
import { ResponsesModule } from '../responses/responses.module';
import { CaseMailService } from './case-mail.service';
import { CaseOpenerService } from './case-opener.service';
import { CaseService } from './case.service';

@Module({
  imports: [ResponsesModule],
  providers: [CaseService, CaseOpenerService, CaseMailService, MailRepository],
  exports: [CaseService, CaseOpenerService],
})
export class CasesModule {}
