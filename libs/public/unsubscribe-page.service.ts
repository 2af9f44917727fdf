import { Injectable, NotFoundException } from '@nestjs/common';
import { resolveLocale, t } from '@cairn/i18n';
import { InvitationTokenRepository } from '@cairn/invitations';
import { UnsubscribeService } from '@cairn/people';
import { INVALID_LINK } from '@cairn/responses';
import { EmailLinkRepository } from './email-link.repository';
import { messagePage, RenderedPage } from './views/page-layout';
import { unsubscribePage } from './views/unsubscribe-page.view';

/**
 * The unsubscribe link of a survey email. It keeps working after the survey
 * itself expired: people must be able to leave for as long as they may find
 * the email. The rules of unsubscribing live in the people module, shared with
 * POST /people/:id/unsubscribe and the Delighted API.
 */
@Injectable()
export class UnsubscribePageService {
  constructor(
    private readonly tokens: InvitationTokenRepository,
    private readonly links: EmailLinkRepository,
    private readonly unsubscribes: UnsubscribeService,
  ) {}

  private async open(token: string) {
    const invitation = await this.tokens.resolve(token, 'unsubscribe');
    if (!invitation || invitation.person.erasedAt) throw new NotFoundException(INVALID_LINK);
    const workspace = await this.links.workspace(invitation.workspaceId);
    return { invitation, locale: resolveLocale(invitation.locale ?? invitation.person.locale), company: workspace.name };
  }

  /** GET: only asks; link checkers and prefetchers must not unsubscribe anyone. */
  async page(token: string): Promise<RenderedPage> {
    const { locale, company } = await this.open(token);
    return unsubscribePage(locale, token, t(locale, 'page.unsubscribeConfirm', { company }), t(locale, 'email.unsubscribe'));
  }

  /** POST (RFC 8058 one-click or the page's button). Repeating it changes nothing and says the same. */
  async unsubscribe(token: string): Promise<RenderedPage> {
    const { invitation, locale } = await this.open(token);
    const done = await this.unsubscribes.byPersonId(invitation.workspaceId, invitation.personId);
    if (!done) throw new NotFoundException(INVALID_LINK);
    return messagePage(locale, t(locale, 'page.unsubscribed'));
  }
}
