import { Module } from '@nestjs/common';
import { MailRepository } from '@cairn/mail';
import { ResponsesModule } from '@cairn/responses';
import { CaseMailService } from './case-mail.service';
import { CaseOpenerService } from './case-opener.service';
import { CaseService } from './case.service';

@Module({
  imports: [ResponsesModule],
  providers: [CaseService, CaseOpenerService, CaseMailService, MailRepository],
  exports: [CaseService, CaseOpenerService],
})
export class CasesModule {}
