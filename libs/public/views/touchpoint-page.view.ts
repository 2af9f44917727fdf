import { escapeHtml } from '@cairn/mail';
import { browserScript } from '../browser-script';
import { RenderedPage, renderPage } from './page-layout';

export interface TouchpointPageModel {
  locale: string;
  /** Where the form posts: the page's own path and query. */
  action: string;
  kiosk: boolean;
  /** Kiosk: seconds the thank-you stays before the page is ready for the next person. */
  resetSeconds: number;
  intro: string | null;
  question: string;
  lowLabel: string;
  highLabel: string;
  scores: number[];
  commentPrompt: string;
  texts: { submit: string; thanks: string; error: string; chooseScore: string; tooMany: string };
}

/**
 * A touchpoint's public answer page (/t/:key): the answer page's form without a token or a person. A plain HTML
 * form for phones that scanned the QR code; kiosk mode adds large buttons and the script that thanks and resets.
 */
export function touchpointPage(m: TouchpointPageModel): RenderedPage {
  const e = escapeHtml;
  const first = m.scores[0];
  const last = m.scores[m.scores.length - 1];
  const options = m.scores
    .map((s) => `<input type="radio" name="score" id="score-${s}" value="${s}" required><label for="score-${s}">${s}</label>`)
    .join('');
  const data = [
    ['thanks', m.texts.thanks],
    ['error', m.texts.error],
    ['choose', m.texts.chooseScore],
    ['too-many', m.texts.tooMany],
    ['reset', String(m.resetSeconds)],
  ]
    .map(([name, value]) => ` data-${name}="${e(value)}"`)
    .join('');
  const main = `
<form id="answer" class="${m.kiosk ? 'kiosk' : 'qr'}" method="post" action="${e(m.action)}"${data}>
${m.intro ? `<p>${e(m.intro)}</p>` : ''}
<fieldset aria-describedby="ends">
<legend><h1>${e(m.question)}</h1></legend>
<div class="scale scale-${m.scores.length}">${options}</div>
<p class="ends" id="ends"><span>${first} = ${e(m.lowLabel)}</span><span>${last} = ${e(m.highLabel)}</span></p>
</fieldset>
<label class="prompt" for="comment">${e(m.commentPrompt)}</label>
<textarea id="comment" name="comment" rows="3" maxlength="2000"></textarea>
<button type="submit">${e(m.texts.submit)}</button>
<p class="status" id="status" role="status" aria-live="polite"></p>
</form>
${m.kiosk ? `<div id="thanks" class="thanks" hidden><h1>${e(m.texts.thanks)}</h1></div>` : ''}`;
  return renderPage({ locale: m.locale, title: m.question, main, script: m.kiosk ? browserScript('kiosk-page.js') : undefined });
}
