import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { Clock } from '@cairn/common';
import { t } from '@cairn/i18n';
import { InvitationTokenRepository } from '@cairn/invitations';
import { AnswerInput, ClickCountService, INVALID_LINK, isAnswerable, Recorded, ResponseRecorderService } from '@cairn/responses';
import { isValidScore } from '@cairn/scoring';
import { EmailLinkRepository } from './email-link.repository';
import { answerPage } from './views/answer-page.view';
import { messagePage, RenderedPage } from './views/page-layout';
import { surveyTexts } from './survey-texts';

type Invitation = NonNullable<Awaited<ReturnType<InvitationTokenRepository['resolve']>>>;

/** Answering through the link in a survey email: everything comes from the token. */
@Injectable()
export class AnswerService {
  constructor(
    private readonly tokens: InvitationTokenRepository,
    private readonly links: EmailLinkRepository,
    private readonly recorder: ResponseRecorderService,
    private readonly clicks: ClickCountService,
    private readonly clock: Clock,
  ) {}

  /** Unknown, expired, cancelled, erased and other-kind tokens all end here alike. */
  async open(token: string) {
    const invitation = await this.tokens.resolve(token, 'response');
    if (!invitation || !isAnswerable({ ...invitation, erasedAt: invitation.person.erasedAt }, this.clock.now())) {
      throw new NotFoundException(INVALID_LINK);
    }
    const workspace = await this.links.workspace(invitation.workspaceId);
    return { invitation, workspace };
  }

  /**
   * The page behind a score link. A GET never records an answer: it notes which score was opened (so a scanner
   * opening them all is seen), and the page's script reports the click once a person has seen the page.
   */
  async page(token: string, scoreParam: unknown): Promise<RenderedPage> {
    const { invitation, workspace } = await this.open(token);
    const { survey, person } = invitation;
    const [event, response] = await Promise.all([
      invitation.eventId ? this.links.event(invitation.eventId) : null,
      this.links.responseForInvitation(invitation.id),
    ]);
    const texts = surveyTexts({
      metric: survey.metric,
      locale: localeOf(invitation),
      question: survey.question,
      commentPrompt: survey.commentPrompt,
      companyName: workspace.name,
      // A relationship survey asks about the company, not a touchpoint.
      touchpointName: survey.touchpoint?.name ?? workspace.name,
      person: { name: person.name, properties: person.properties as Record<string, unknown> },
      event: event ? { properties: event.properties as Record<string, unknown> } : undefined,
    });
    const locale = texts.locale;
    // No linked response although answered: retention unlinked it, and the answer stays final.
    const locked = response ? !response.editableUntil || response.editableUntil < this.clock.now() : invitation.respondedAt !== null;
    if (locked) {
      return messagePage(locale, t(locale, 'page.thanks'), t(locale, 'page.locked'));
    }
    const asked = typeof scoreParam === 'string' && /^\d{1,2}$/.test(scoreParam) ? Number(scoreParam) : null;
    const wanted = asked !== null && isValidScore(survey.metric, asked) ? asked : null;
    // Only a first answer comes from a click, and only from a page whose open was noted.
    const click = wanted !== null && !response && (await this.clicks.noteOpen(invitation.id, wanted));
    return answerPage({
      ...texts,
      token,
      click,
      selected: wanted ?? response?.score ?? null,
      comment: response?.comment ?? null,
      texts: {
        submit: t(locale, 'page.submit'),
        saved: t(locale, 'page.saved'),
        thanks: t(locale, 'page.thanks'),
        error: t(locale, 'page.error'),
        chooseScore: t(locale, 'page.chooseScore'),
      },
    });
  }

  /** The page was seen with this score: held, and counted unless the email's other scores were opened close to it. */
  async click(token: string, score: number): Promise<void> {
    const invitation = await this.tokens.resolve(token, 'response');
    if (!invitation || !isAnswerable({ ...invitation, erasedAt: invitation.person.erasedAt }, this.clock.now())) {
      throw new NotFoundException(INVALID_LINK);
    }
    if (!isValidScore(invitation.survey.metric, score)) throw new BadRequestException('score is out of range for this survey');
    // Answered already: a click never changes an answer.
    if (invitation.respondedAt === null) await this.clicks.hold(invitation.workspaceId, invitation.id, score);
  }

  /** Records through the token alone; the recorder resolves and locks it in the answer's transaction. */
  submit(token: string, input: AnswerInput): Promise<Recorded & { locale: string }> {
    return this.recorder.answerInvitation(token, input);
  }

  /** The page language for errors after a token was already checked. */
  async localeFor(token: string): Promise<string> {
    const invitation = await this.tokens.resolve(token, 'response');
    return invitation ? localeOf(invitation) : 'en';
  }
}

function localeOf(invitation: Invitation): string {
  return invitation.locale ?? invitation.person.locale ?? 'en';
}
