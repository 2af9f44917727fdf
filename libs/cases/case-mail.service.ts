import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { JobData, JobName, OnJob } from '@cairn/jobs';
import { ResponseSnapshotRepository } from '@cairn/responses';
import { NoticeSender, renderNotice } from '@cairn/notifications';
import { CaseRepository } from './case.repository';

/** One email per CX manager per new case: the job id makes it one job per (case, user), NoticeSender one email. */
@Injectable()
export class CaseMailService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cases: CaseRepository,
    private readonly snapshots: ResponseSnapshotRepository,
    private readonly sender: NoticeSender,
  ) {}

  @OnJob(JobName.SendCaseEmail)
  async send({ caseId, userId }: JobData<JobName.SendCaseEmail>): Promise<void> {
    const [row, user] = await Promise.all([this.cases.findById(caseId), this.cases.findUser(userId)]);
    // The user may have opted out or left since the case opened.
    if (!row || !user || user.disabledAt || !user.notifyOnCase) return;
    const s = row.responseId ? await this.snapshots.load(row.responseId) : null;
    const where = s?.touchpoint?.name ?? 'a touchpoint';
    const score = s ? `${s.response.metric.toUpperCase()} ${s.response.score}` : 'a low score';
    const notice = renderNotice({
      subject: `New detractor case: ${score} at ${where}`,
      intro: `A customer answered ${score} at ${where}. Follow up before the case is due.`,
      facts: [
        ['Customer', s?.person ? [s.person.name, s.person.email && `<${s.person.email}>`].filter(Boolean).join(' ') : null],
        ['Score', s ? `${s.response.score} (${s.response.metric.toUpperCase()}, ${s.response.scale.min}–${s.response.scale.max})` : null],
        ['Touchpoint', s?.touchpoint?.name],
        ['Stage', s?.stage?.name],
        ['Journey', s?.journey?.name],
        ['Due', row.dueAt?.toISOString()],
      ],
      quote: s?.response.comment,
      link: { label: 'Open the case', url: `${this.config.publicBaseUrl}/cases/${row.id}` },
    });
    await this.sender.send({ to: user.email, ...notice, messageId: `<case-${row.id}-${user.id}@cairn>` });
  }
}
