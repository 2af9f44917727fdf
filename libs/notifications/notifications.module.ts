import { Module } from '@nestjs/common';
import { MailModule } from '@cairn/mail';
import { NoticeSender } from './notice-sender.service';
import { SentNoticeRepository } from './sent-notice.repository';

/** Staff notices: one email per Message-ID, however often the job that sends it runs. */
@Module({ imports: [MailModule], providers: [NoticeSender, SentNoticeRepository], exports: [NoticeSender] })
export class NotificationsModule {}
