import { escapeHtml } from '@cairn/mail';
import { browserScript } from '../browser-script';
import { RenderedPage, renderPage } from './page-layout';

export interface AnswerPageModel {
  locale: string;
  token: string;
  intro: string | null;
  question: string;
  lowLabel: string;
  highLabel: string;
  scores: number[];
  selected: number | null;
  /** The page reports the preselected score once a person has seen it (a score link's page, not yet answered). */
  click: boolean;
  comment: string | null;
  commentPrompt: string;
  texts: { submit: string; saved: string; thanks: string; error: string; chooseScore: string };
}

/** The answer form: works as a plain HTML form; the script only makes it quicker. */
export function answerPage(m: AnswerPageModel): RenderedPage {
  const e = escapeHtml;
  const first = m.scores[0];
  const last = m.scores[m.scores.length - 1];
  const options = m.scores
    .map(
      (s) =>
        `<input type="radio" name="score" id="score-${s}" value="${s}"${s === m.selected ? ' checked' : ''}><label for="score-${s}">${s}</label>`,
    )
    .join('');
  const main = `
<form id="answer" method="post" action="${e(m.token)}"${m.click ? ' data-click="on"' : ''} data-saved="${e(m.texts.saved)}" data-thanks="${e(m.texts.thanks)}" data-error="${e(m.texts.error)}" data-choose="${e(m.texts.chooseScore)}">
${m.intro ? `<p>${e(m.intro)}</p>` : ''}
<fieldset aria-describedby="ends">
<legend><h1>${e(m.question)}</h1></legend>
<div class="scale scale-${m.scores.length}">${options}</div>
<p class="ends" id="ends"><span>${first} = ${e(m.lowLabel)}</span><span>${last} = ${e(m.highLabel)}</span></p>
</fieldset>
<label class="prompt" for="comment">${e(m.commentPrompt)}</label>
<textarea id="comment" name="comment" rows="4" maxlength="2000">${e(m.comment ?? '')}</textarea>
<button type="submit">${e(m.texts.submit)}</button>
<p class="status" id="status" role="status" aria-live="polite"></p>
</form>`;
  return renderPage({ locale: m.locale, title: m.question, main, script: browserScript('answer-page.js') });
}
