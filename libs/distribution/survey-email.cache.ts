import { createHash } from 'node:crypto';
import { escapeHtml, buildSurveyEmailContent, SurveyEmailInput, RenderedEmail, renderSurveyEmail } from '@cairn/mail';

// Letters and digits only: escaping leaves them alone, so they can be swapped after rendering.
const RESPONSE_TOKEN = 'QcairnXresponseXtokenQ';
const UNSUBSCRIBE_TOKEN = 'QcairnXunsubscribeXtokenQ';
const NAME = 'QcairnXpersonXnameQ';
const MAX_ENTRIES = 500;

export interface PersonalEmail {
  input: Omit<SurveyEmailInput, 'responseUrl' | 'unsubscribeUrl'>;
  baseUrl: string;
  responseToken: string;
  unsubscribeToken: string;
}

/**
 * MJML is most of the CPU a survey email costs, and most emails of a survey
 * differ only in their tokens and the person's name. The email is rendered
 * once with stand-ins for those and the result reused; anything else that
 * differs (other texts, property placeholders) is a different cache entry.
 */
export class SurveyEmailCache {
  private readonly entries = new Map<string, RenderedEmail>();

  /** How many distinct renderings are kept. */
  get size(): number {
    return this.entries.size;
  }

  async render(email: PersonalEmail): Promise<RenderedEmail> {
    const name = email.input.person.name ?? null;
    // Only words and single spaces: MJML and the greeting treat other whitespace in ways a stand-in cannot copy.
    if (name !== null && !/^\S+(?: \S+)*$/.test(name))
      return renderSurveyEmail(this.input(email, email.responseToken, email.unsubscribeToken, name));
    const template = this.input(email, RESPONSE_TOKEN, UNSUBSCRIBE_TOKEN, name ? NAME : name);
    const key = createHash('sha256')
      .update(JSON.stringify(buildSurveyEmailContent(template)))
      .digest('base64');
    let rendered = this.entries.get(key);
    if (!rendered) {
      rendered = await renderSurveyEmail(template);
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, rendered);
    }
    const swap = (text: string, nameAs: string) =>
      // Replacer functions: a '$' in a name must not act as a replacement pattern.
      text
        .replaceAll(RESPONSE_TOKEN, () => email.responseToken)
        .replaceAll(UNSUBSCRIBE_TOKEN, () => email.unsubscribeToken)
        .replaceAll(NAME, () => nameAs);
    return {
      subject: swap(rendered.subject, name ?? '')
        .replace(/\s+/g, ' ')
        .trim(),
      html: swap(rendered.html, escapeHtml(name ?? '')),
      text: swap(rendered.text, name ?? ''),
      transferEncodings: rendered.transferEncodings,
    };
  }

  private input(email: PersonalEmail, response: string, unsubscribe: string, name: string | null): SurveyEmailInput {
    return {
      ...email.input,
      person: { ...email.input.person, name },
      responseUrl: (score) => `${email.baseUrl}/r/${response}?score=${score}`,
      unsubscribeUrl: `${email.baseUrl}/u/${unsubscribe}`,
    };
  }
}
