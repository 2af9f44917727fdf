import { Injectable, Logger } from '@nestjs/common';
import { AdaptiveBatcher } from '@cairn/common';
import { analyseComment, ThemeMatcher, themeMatcherFor } from '@cairn/comments';
import { JobData, JobName, OnJob } from '@cairn/jobs';
import { DomainEvent, OnDomainEvent } from '@cairn/outbox';
import { AnalysisWrite, CommentAnalysisRepository, CommentToAnalyse } from './comment-analysis.repository';
import { ThemeService } from './theme.service';

/** Comments per statement of a re-analysis: one read, one write. */
const BATCH = 500;

/** Live analyses remembered so that an answer's first one is not done twice in this process. */
const RECENT = 10_000;

/** One live analysis of an answer: its promise of the comment it read, and that comment once read. */
interface LiveAnalysis {
  done: Promise<string | null>;
  comment?: string | null;
}

/**
 * Reads every comment for sentiment and themes, in the worker, after the answer committed: a live answer
 * through its response.created/updated event, history (imports) and past comments after a theme change
 * through an analyse-comments job that walks the workspace's stale comments.
 */
@Injectable()
export class CommentAnalysisService {
  private readonly logger = new Logger(CommentAnalysisService.name);
  /** Each workspace's theme matcher, rebuilt when its themes version moves. */
  private readonly matchers = new Map<string, { version: number; matcher: ThemeMatcher }>();
  /**
   * Live answers of concurrent events (a dispatch batch runs ten at once) are read and written together: two
   * statements per batch instead of per answer. A failed batch retries each answer alone, so one bad answer fails
   * only its own event.
   */
  private readonly live = new AdaptiveBatcher<string, string | null>(
    async (responseIds) => {
      const read = await this.analyseResponses(responseIds);
      return responseIds.map((id) => read.get(id) ?? null);
    },
    {
      maxInFlight: 2,
      maxBatch: 100,
      gatherTurn: true,
      runOne: async (responseId) => (await this.analyseResponses([responseId])).get(responseId) ?? null,
    },
  );

  constructor(
    private readonly analyses: CommentAnalysisRepository,
    private readonly themes: ThemeService,
  ) {}

  /**
   * This process's live analyses by response, running or done, with the comment each read (once read), the oldest
   * dropped past RECENT. The webhook payload builder analyses a comment it must carry before this subscriber has (a
   * detractor's alert and webhooks are dispatched beside its response.created): the answer's first analysis then
   * joins that one instead of reading and writing the comment again, and the builder joins one of the comment it
   * carries whichever started first. An edit's (response.updated) is always done afresh.
   */
  private readonly recent = new Map<string, LiveAnalysis>();

  @OnDomainEvent('response.created', 'response.updated')
  async onAnswer(event: DomainEvent<'response.created' | 'response.updated'>): Promise<void> {
    const { responseId } = event.data;
    const known = event.type === 'response.created' ? this.recent.get(responseId) : undefined;
    await (known ? known.done : this.analyseLive(responseId));
  }

  /**
   * Analyses this answer's comment now for a payload that must carry it (`comment`, as the payload has it),
   * joining an analysis of that same comment, running or done; an analysis that read another comment (the answer
   * was edited since) does not count.
   */
  async analyseNow(responseId: string, comment: string): Promise<void> {
    const known = this.recent.get(responseId);
    const read = known ? ('comment' in known ? known.comment : await known.done.catch(() => undefined)) : undefined;
    if (read !== comment) await this.analyseLive(responseId);
  }

  private analyseLive(responseId: string): Promise<string | null> {
    const entry: LiveAnalysis = { done: this.live.submit(responseId) };
    this.recent.delete(responseId);
    this.recent.set(responseId, entry);
    if (this.recent.size > RECENT) this.recent.delete(this.recent.keys().next().value!);
    entry.done.then(
      (comment) => (entry.comment = comment),
      () => this.recent.get(responseId) === entry && this.recent.delete(responseId),
    );
    return entry.done;
  }

  /**
   * Analyses these responses' comments as they are now; a response without a comment loses its analysis.
   * Returns the comment read for each.
   */
  async analyseResponses(responseIds: string[]): Promise<Map<string, string | null>> {
    const rows = await this.analyses.comments(responseIds);
    await this.analyses.remove(rows.filter((row) => !hasText(row.comment)).map((row) => row.responseId));
    await this.write(rows.filter((row) => hasText(row.comment)));
    return new Map(rows.map((row) => [row.responseId, row.comment]));
  }

  @OnJob(JobName.AnalyseComments)
  async analyseWorkspace({ workspaceId }: JobData<JobName.AnalyseComments>): Promise<number> {
    let done = 0;
    let afterId = '';
    for (;;) {
      // The version is read per batch: a theme change during the walk is applied to the rest of it, and the
      // change's own job walks again for what was done before.
      const version = await this.themes.version(workspaceId);
      const rows = await this.analyses.stale(workspaceId, version, afterId, BATCH);
      if (!rows.length) break;
      await this.write(rows);
      done += rows.length;
      afterId = rows[rows.length - 1].responseId;
    }
    if (done) this.logger.log(`analysed ${done} comments of workspace ${workspaceId}`);
    return done;
  }

  private async write(rows: CommentToAnalyse[]): Promise<void> {
    const out: AnalysisWrite[] = [];
    for (const row of rows) {
      const matcher = await this.matcher(row.workspaceId, row.themesVersion);
      const analysis = analyseComment(row.comment!, row.locale, matcher);
      out.push({
        responseId: row.responseId,
        workspaceId: row.workspaceId,
        language: analysis.language,
        sentimentScore: analysis.sentiment.score,
        sentimentLabel: analysis.sentiment.label,
        themes: analysis.themes,
        themesVersion: row.themesVersion,
      });
    }
    await this.analyses.save(out);
  }

  private async matcher(workspaceId: string, version: number): Promise<ThemeMatcher> {
    const cached = this.matchers.get(workspaceId);
    if (cached && cached.version >= version) return cached.matcher;
    const current = await this.themes.definitions(workspaceId);
    const matcher = themeMatcherFor(current.themes);
    this.matchers.set(workspaceId, { version: current.version, matcher });
    return matcher;
  }
}

function hasText(comment: string | null): comment is string {
  return comment !== null && comment.trim() !== '';
}
