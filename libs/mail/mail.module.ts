import { Module } from '@nestjs/common';
import { MailRepository } from './mail.repository';

/** The one SMTP pool of a process: every module that sends mail imports this module. */
@Module({ providers: [MailRepository], exports: [MailRepository] })
export class MailModule {}
