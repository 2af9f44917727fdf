import { Module } from '@nestjs/common';
import { NotificationsModule } from '@cairn/notifications';
import { ResponsesModule } from '@cairn/responses';
import { CaseMailService } from './case-mail.service';
import { CaseOpenerService } from './case-opener.service';
import { CaseRepository } from './case.repository';
import { CaseService } from './case.service';

@Module({
  imports: [ResponsesModule, NotificationsModule],
  providers: [CaseRepository, CaseService, CaseOpenerService, CaseMailService],
  exports: [CaseService, CaseOpenerService],
})
export class CasesModule {}
