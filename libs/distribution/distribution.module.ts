import { Module } from '@nestjs/common';
import { InvitationsModule } from '@cairn/invitations';
import { MailModule } from '@cairn/mail';
import { PeopleModule } from '@cairn/people';
import { EventIntakeRepository } from './event-intake.repository';
import { EventIntakeService } from './event-intake.service';
import { HandoverRepository } from './handover.repository';
import { InvitationClaimRepository } from './invitation-claim.repository';
import { InvitationJobQueue } from './invitation-job.queue';
import { InvitationReconcilerService } from './invitation-reconciler.service';
import { InvitationSendService } from './invitation-send.service';
import { InvitationRepository } from './invitation.repository';
import { RelationshipScheduleRepository } from './relationship-schedule.repository';
import { RelationshipSchedulerService } from './relationship-scheduler.service';
import { ReminderClaimRepository } from './reminder-claim.repository';
import { ReminderService } from './reminder.service';
import { SendClaimRepository } from './send-claim.repository';
import { SendGateService } from './send-gate.service';
import { SendBounceRepository } from './send-bounce.repository';
import { SentMarksRepository } from './sent-marks.repository';
import { WorkspacePauseRepository } from './workspace-pause.repository';
import { SurveyMailComposer } from './survey-mail.composer';

/** Events in, survey emails out: intake, fatigue rules, the send and reminder jobs, the reconciler, relationship surveys' scheduler. */
@Module({
  // One SMTP pool (MailModule), one PersonRepository (PeopleModule), one InvitationTokenRepository per process.
  imports: [MailModule, PeopleModule, InvitationsModule],
  providers: [
    InvitationRepository,
    InvitationClaimRepository,
    HandoverRepository,
    SurveyMailComposer,
    SendGateService,
    SendClaimRepository,
    SentMarksRepository,
    SendBounceRepository,
    WorkspacePauseRepository,
    EventIntakeRepository,
    EventIntakeService,
    InvitationSendService,
    ReminderClaimRepository,
    ReminderService,
    InvitationJobQueue,
    InvitationReconcilerService,
    RelationshipScheduleRepository,
    RelationshipSchedulerService,
  ],
  exports: [
    PeopleModule,
    InvitationRepository,
    InvitationClaimRepository,
    EventIntakeService,
    InvitationSendService,
    InvitationReconcilerService,
    RelationshipSchedulerService,
  ],
})
export class DistributionModule {}
