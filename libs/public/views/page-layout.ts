import { createHash } from 'node:crypto';
import { escapeHtml } from '@cairn/mail';
import { PAGE_CSS } from './page.styles';

export interface HtmlPage {
  locale: string;
  title: string;
  /** Already escaped markup of <main>. */
  main: string;
  /** Inline script, allowed by its hash in the CSP. */
  script?: string;
}

export interface RenderedPage {
  html: string;
  headers: Record<string, string>;
}

// Inline style and script are allowed by hash: both are constants, so a
// page's bytes depend only on what it says (every invalid link gets the very
// same 404) and nothing injected could ever run.
const hashes = new Map<string, string>();
function cspHash(text: string): string {
  let hash = hashes.get(text);
  if (!hash) hashes.set(text, (hash = `'sha256-${createHash('sha256').update(text).digest('base64')}'`));
  return hash;
}

/** A complete page with its security headers. */
export function renderPage(page: HtmlPage): RenderedPage {
  const html = `<!doctype html>
<html lang="${escapeHtml(page.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex,nofollow">
<title>${escapeHtml(page.title)}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<main>${page.main}</main>
${page.script ? `<script>${page.script}</script>` : ''}
</body>
</html>
`;
  return {
    html,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      // The URL carries the token: never send it onwards, never cache it.
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
      'x-robots-tag': 'noindex, nofollow',
      'x-content-type-options': 'nosniff',
      'content-security-policy': [
        "default-src 'none'",
        `style-src ${cspHash(PAGE_CSS)}`,
        `script-src ${page.script ? cspHash(page.script) : "'none'"}`,
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
      ].join('; '),
    },
  };
}

/** A page that only says one thing: thanks, unsubscribed, invalid link. */
export function messagePage(locale: string, title: string, text?: string): RenderedPage {
  const main = `<h1>${escapeHtml(title)}</h1>${text ? `<p>${escapeHtml(text)}</p>` : ''}`;
  return renderPage({ locale, title, main });
}
