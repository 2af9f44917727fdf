import { escapeHtml } from '@cairn/mail';

export interface Notice {
  subject: string;
  intro: string;
  facts: Array<[label: string, value: string | null | undefined]>;
  quote?: string | null;
  link?: { label: string; url: string };
}

/** A plain staff notification (cases, webhook trouble): no template engine, nothing to go wrong. */
export function renderNotice(n: Notice): { subject: string; html: string; text: string } {
  const facts = n.facts.filter((f): f is [string, string] => typeof f[1] === 'string' && f[1] !== '');
  const text = [
    n.intro,
    '',
    ...facts.map(([label, value]) => `${label}: ${value}`),
    ...(n.quote ? ['', `"${n.quote}"`] : []),
    ...(n.link ? ['', `${n.link.label}: ${n.link.url}`] : []),
  ].join('\n');
  const rows = facts.map(
    ([label, value]) => `<tr><th align="left" style="padding:2px 12px 2px 0">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
  );
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;color:#222">',
    `<p>${escapeHtml(n.intro)}</p>`,
    `<table>${rows.join('')}</table>`,
    n.quote ? `<blockquote style="border-left:3px solid #ccc;margin:12px 0;padding-left:12px">${escapeHtml(n.quote)}</blockquote>` : '',
    n.link ? `<p><a href="${escapeHtml(n.link.url)}">${escapeHtml(n.link.label)}</a></p>` : '',
    '</body></html>',
  ].join('');
  return { subject: n.subject, html, text };
}
