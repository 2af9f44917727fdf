import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import type { Person } from '@cairn/database';
import type { EmailLinks } from '@cairn/invitations';
import { OutgoingMail, verpAddress } from '@cairn/mail';
import type { SendTarget } from './invitation-claim.repository';
import { SurveyEmailCache } from './survey-email.cache';

/** Builds the survey email of one invitation: localized, with one link per score and one-click unsubscribe. */
@Injectable()
export class SurveyMailComposer {
  private readonly domain: string;
  private readonly cache = new SurveyEmailCache();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.domain = /@([^>\s]+)>?\s*$/.exec(config.mailFrom)?.[1] ?? 'cairn.invalid';
  }

  /**
   * The same invitation always gets the same Message-ID, so a receiver that
   * dedupes by Message-ID and our tests can both tell a repeat from a new mail.
   */
  messageId(invitationId: string, reminder = false): string {
    return `<${invitationId}${reminder ? '.reminder' : ''}@${this.domain}>`;
  }

  async compose(invitation: SendTarget, person: Person, tokens: EmailLinks, reminder = false): Promise<OutgoingMail> {
    const baseUrl = this.config.publicBaseUrl;
    const rendered = await this.cache.render({
      input: {
        metric: invitation.metric,
        locale: person.locale ?? invitation.locale,
        question: invitation.question,
        subject: invitation.subject,
        companyName: invitation.companyName,
        touchpointName: invitation.touchpointName,
        person: { name: person.name, properties: person.properties as Record<string, unknown> },
        event: { properties: invitation.eventProperties ?? {} },
        isReminder: reminder,
      },
      baseUrl,
      responseToken: tokens.response,
      unsubscribeToken: tokens.unsubscribe,
    });
    const unsubscribeUrl = `${baseUrl}/u/${tokens.unsubscribe}`;
    return {
      to: person.email!,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      transferEncodings: rendered.transferEncodings,
      messageId: this.messageId(invitation.id, reminder),
      // VERP: a delivery report or complaint comes back to an address naming this invitation (libs/deliverability).
      envelopeFrom: verpAddress(this.config.deliverability.bounceAddress, invitation.id),
      headers: {
        // One list per workspace, and Gmail's feedback loop keyed by kind, workspace and sender (issue 16).
        'List-Id': { prepared: true, value: `${listName(invitation.companyName)} <${invitation.workspaceId}.surveys.${this.domain}>` },
        'Feedback-ID': { prepared: true, value: `${reminder ? 'reminder' : 'invitation'}:${invitation.workspaceId}:survey:cairn` },
        // RFC 8058: mail clients offer one-click unsubscribe by POSTing to this URL.
        'List-Unsubscribe': `<${unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    };
  }
}

/** The List-Id's phrase: the company's name as a quoted ASCII string, without what would end or escape it. */
function listName(companyName: string): string {
  return `"${companyName.replace(/["\\]|[^\x20-\x7e]/g, '').slice(0, 60)} surveys"`;
}
