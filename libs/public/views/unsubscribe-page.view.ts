import { escapeHtml } from '@cairn/mail';
import { RenderedPage, renderPage } from './page-layout';

/** Shown on GET only; the button posts, so link prefetchers and scanners never unsubscribe anyone. */
export function unsubscribePage(locale: string, token: string, question: string, button: string): RenderedPage {
  const e = escapeHtml;
  const main = `<h1>${e(question)}</h1>
<form method="post" action="${e(token)}"><button type="submit">${e(button)}</button></form>`;
  return renderPage({ locale, title: question, main });
}
