import { Module } from '@nestjs/common';
import { NotificationsModule } from '@cairn/notifications';
import { ResponsesModule } from '@cairn/responses';
import { CaseFollowRepository } from './case-follow.repository';
import { CaseFollowService } from './case-follow.service';
import { CaseHistoryRepository } from './case-history.repository';
import { CaseHistoryService } from './case-history.service';
import { CaseMailService } from './case-mail.service';
import { CaseOpenerService } from './case-opener.service';
import { CaseRepository } from './case.repository';
import { CaseService } from './case.service';

@Module({
  imports: [ResponsesModule, NotificationsModule],
  providers: [
    CaseRepository,
    CaseService,
    CaseOpenerService,
    CaseMailService,
    CaseHistoryRepository,
    CaseHistoryService,
    CaseFollowRepository,
    CaseFollowService,
  ],
  exports: [CaseService, CaseOpenerService, CaseHistoryService, CaseFollowService],
})
export class CasesModule {}
