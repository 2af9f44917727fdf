import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { JobData, JobName, OnJob } from '@cairn/jobs';
import { NoticeSender, renderNotice } from '@cairn/notifications';
import { SendingPauseRepository } from './sending-pause.repository';

/** Tells one workspace admin that survey emails stopped, why, and how to resume them. */
@Injectable()
export class SendingPausedMailService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pauses: SendingPauseRepository,
    private readonly sender: NoticeSender,
  ) {}

  @OnJob(JobName.SendSendingPausedEmail)
  async send({ workspaceId, userId }: JobData<JobName.SendSendingPausedEmail>): Promise<void> {
    const [state, user] = await Promise.all([this.pauses.state(workspaceId), this.pauses.recipient(userId)]);
    // Resumed before the mail went out: nothing left to report.
    if (!state?.sendingPausedAt || !user || user.disabledAt) return;
    const notice = renderNotice({
      subject: 'Survey emails paused: too many bounces or complaints',
      intro:
        'Cairn paused sending survey emails for your workspace to protect your sending domain. Surveys wait, scheduled, until an admin resumes sending.',
      facts: [
        ['Reason', state.sendingPausedReason],
        ['Paused at', state.sendingPausedAt.toISOString()],
        ['Resume', 'Settings › Deliverability, or POST /api/v1/deliverability/resume'],
      ],
      link: { label: 'Deliverability', url: `${this.config.publicBaseUrl}/#/settings/deliverability` },
    });
    await this.sender.send({
      to: user.email,
      ...notice,
      messageId: `<sending-paused-${workspaceId}-${state.sendingPausedAt.getTime()}-${user.id}@cairn>`,
    });
  }
}
