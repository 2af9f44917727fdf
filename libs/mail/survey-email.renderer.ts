import { buildSurveyEmailContent, type SurveyEmailInput } from './survey-email.content.js';
import { surveyEmailMjml } from './survey-email.mjml.js';
import { surveyEmailText } from './survey-email.text.js';
import { transferEncodingsOf, type TransferEncodings } from './transfer-encoding.js';

export type { SurveyEmailInput } from './survey-email.content.js';
export { scoreValues, type SurveyMetric } from './survey-scale.js';
export { escapeHtml } from './escape-html.js';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  /** Chosen once for the rendering (transfer-encoding.ts); an email made from it by swapping tokens keeps them. */
  transferEncodings: TransferEncodings;
}

export async function renderSurveyEmail(input: SurveyEmailInput): Promise<RenderedEmail> {
  const content = buildSurveyEmailContent(input);
  // Loaded lazily: mjml pulls in a large dependency tree that only mail rendering needs.
  const mjml = (await import('mjml')).default;
  // No web fonts: the template uses a system font stack, and remote fonts would be a tracking request.
  const { html } = await mjml(surveyEmailMjml(content), { validationLevel: 'strict', fonts: {}, keepComments: false });
  const text = surveyEmailText(content);
  return { subject: content.subject, html, text, transferEncodings: transferEncodingsOf({ html, text }) };
}
