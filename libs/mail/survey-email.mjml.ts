import { escapeHtml } from './escape-html.js';
import type { ScoreButton, SurveyEmailContent } from './survey-email.content.js';

const FONT_STACK = "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

/**
 * Builds the MJML source. Every value from content is escaped here and only
 * here; the markup around it is fixed, so no input can add elements.
 */
export function surveyEmailMjml(content: SurveyEmailContent): string {
  const e = escapeHtml;
  const cells = content.buttons.map(scoreCell).join('');
  // The end labels share the row width: the low one under the first half, the high one under the rest.
  const lowSpan = Math.ceil(content.buttons.length / 2);
  const highSpan = content.buttons.length - lowSpan;
  const optionalText = (text: string | null, attributes = '') => (text === null ? '' : `<mj-text ${attributes}>${e(text)}</mj-text>`);

  return `<mjml lang="${e(content.locale)}">
  <mj-head>
    <mj-title>${e(content.subject)}</mj-title>
    <mj-preview>${e(content.question)}</mj-preview>
    <mj-attributes>
      <mj-all font-family="${FONT_STACK}" />
      <mj-text font-size="16px" line-height="1.5" color="#1f2933" padding="0 0 12px 0" />
    </mj-attributes>
    <mj-style>
      @media only screen and (max-width: 480px) {
        .score-link { font-size: 14px !important; padding: 10px 0 !important; }
      }
    </mj-style>
  </mj-head>
  <mj-body background-color="#f4f5f7">
    <mj-section background-color="#ffffff" padding="32px 24px">
      <mj-column>
        ${optionalText(content.greeting)}
        ${optionalText(content.intro, 'color="#52606d"')}
        <mj-text font-size="20px" font-weight="bold" line-height="1.4">${e(content.question)}</mj-text>
        <mj-text font-size="14px" color="#52606d">${e(content.instruction)}</mj-text>
        <mj-table table-layout="fixed" width="100%" cellspacing="3" cellpadding="0" padding="4px 0 0 0">
          <tr>${cells}</tr>
          <tr>
            <td colspan="${lowSpan}" align="left" style="padding-top:6px;font-size:13px;color:#52606d;">${e(content.lowLabel)}</td>
            <td colspan="${highSpan}" align="right" style="padding-top:6px;font-size:13px;color:#52606d;">${e(content.highLabel)}</td>
          </tr>
        </mj-table>
      </mj-column>
    </mj-section>
    <mj-section padding="16px 24px">
      <mj-column>
        <mj-text font-size="12px" color="#7b8794" align="center">${e(content.unsubscribeNote)} <a href="${e(content.unsubscribeUrl)}" style="color:#52606d;text-decoration:underline;">${e(content.unsubscribeLabel)}</a></mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
}

function scoreCell(button: ScoreButton): string {
  const { background, text } = button.colors;
  const style = `display:block;padding:12px 0;border-radius:4px;background:${background};color:${text};font-size:16px;font-weight:bold;text-align:center;text-decoration:none;`;
  return `<td align="center"><a class="score-link" href="${escapeHtml(button.url)}" style="${style}">${button.score}</a></td>`;
}
