import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { Clock } from '@cairn/common';
import { JobData, JobIds, JobName, OnJob } from '@cairn/jobs';
import { OutboxRepository, OutboxTransactionRunner } from '@cairn/outbox';
import { tryAgain } from '@cairn/redis';
import { LinkOpenRepository } from './link-open.repository';
import { ResponseRecorderService } from './response-recorder.service';

const CLICK_TRANSACTION = { maxWait: 20_000, timeout: 20_000 };
const NOTE_ATTEMPTS = 2;

/**
 * The click in the email counts: the answer page, once seen for a moment,
 * reports its score, and that score becomes the first answer unless the same
 * email's other score links were opened close to it, which is what a mail
 * scanner does (it opens every link, within seconds, sometimes running the
 * page's script) and a person does not. The click is held for the window
 * after it, so the scanner's later opens are in before it is judged, however
 * its reports race its opens. GET only notes the open; it records nothing.
 */
@Injectable()
export class ClickCountService {
  private readonly logger = new Logger(ClickCountService.name);

  constructor(
    private readonly opens: LinkOpenRepository,
    private readonly transactions: OutboxTransactionRunner,
    private readonly outbox: OutboxRepository,
    private readonly recorder: ResponseRecorderService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A score link's page was opened. False when the open could not be noted (Redis unavailable): that page must not
   * report a click, which could then never be told from a scanner's. One failed attempt is tried again: a healthy
   * Redis can still fail one command (a dropped connection, a process starved past what the command deadline gives
   * back), and a person's click would be lost for it. A second open of the same score changes nothing (scores are counted
   * distinct), and against a Redis that is really down or hung the page waits at most one more timeout.
   */
  async noteOpen(invitationId: string, score: number): Promise<boolean> {
    try {
      await tryAgain(() => this.opens.opened(invitationId, score, this.clock.now()), { attempts: NOTE_ATTEMPTS });
      return true;
    } catch (error) {
      this.logger.warn(`a link open was not noted, its page counts no click: ${(error as Error).message}`);
      return false;
    }
  }

  /** The page was seen: the click waits, as a delayed job through the outbox, for its window to pass. */
  async hold(workspaceId: string, invitationId: string, score: number): Promise<void> {
    const clickedAt = this.clock.now();
    await this.transactions.run(
      (tx) =>
        this.outbox.add(tx, [
          {
            topic: 'job',
            workspaceId,
            job: { name: JobName.CountClick, data: { invitationId, score, clickedAt: clickedAt.toISOString() } },
            jobId: JobIds.countClick(invitationId, score, clickedAt),
            runAt: new Date(clickedAt.getTime() + this.config.answering.clickWindowMs),
          },
        ]),
      // One INSERT, but a scanner's eleven pages report at once and may wait for pool connections: Prisma's 5 s
      // default expired under CI load (a 500 for the report), as for answers.
      CLICK_TRANSACTION,
    );
  }

  /** True when the click became the answer. */
  @OnJob(JobName.CountClick)
  async count({ invitationId, score, clickedAt }: JobData<JobName.CountClick>): Promise<boolean> {
    const at = new Date(clickedAt);
    const window = this.config.answering.clickWindowMs;
    const opened = await this.opens.scoresOpened(invitationId, new Date(at.getTime() - window), new Date(at.getTime() + window));
    // Its own page's open must be there: none at all means the opens were lost (kept too short, Redis emptied), not a person.
    if (opened.size !== 1 || !opened.has(score)) return false;
    return (await this.recorder.answerClick(invitationId, score)) !== null;
  }
}
