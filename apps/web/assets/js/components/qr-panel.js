// A physical touchpoint's way in: the QR code of its public answer page for a
// poster or a delivery slip (download as SVG for print, PNG for documents),
// the page's link, its kiosk mode for a tablet at the exit, and how many
// answers the page refused over its limits. Managers get the code; everyone
// sees the links.
import { get } from '../api.js';
import { h, mount } from '../dom.js';
import { t } from '../i18n.js';
import { can } from '../session.js';

export function qrPanel(touchpointId, key) {
  const body = h('div', { class: 'qr-body' }, h('p', { class: 'subtle' }, t('common.loading')));
  const base = `/api/v1/touchpoints/${encodeURIComponent(touchpointId)}`;
  Promise.all([get(`${base}/links`), get(`${base}/kiosk-stats`)]).then(
    ([links, stats]) => mount(body, ...content(base, key, links, stats)),
    (error) => mount(body, h('p', { class: 'alert alert-error' }, error.message)),
  );
  return h(
    'section',
    { class: 'card qr-panel', 'aria-labelledby': 'tp-qr-title', 'data-testid': 'qr-panel' },
    h('h2', { class: 'card-title', id: 'tp-qr-title' }, t('qr.title')),
    h('p', { class: 'card-sub' }, t('qr.sub')),
    body,
  );
}

function content(base, key, links, stats) {
  const manager = can('manager');
  const code = manager
    ? h(
        'div',
        { class: 'qr-code' },
        h('img', { src: `${base}/qr.svg`, alt: t('qr.alt', { link: links.answer }), width: 160, height: 160, 'data-testid': 'qr-image' }),
        h(
          'div',
          { class: 'qr-downloads' },
          h(
            'a',
            { class: 'btn', href: `${base}/qr.svg`, download: `${key}-qr.svg`, 'data-testid': 'qr-download-svg' },
            t('qr.downloadSvg'),
          ),
          h(
            'a',
            { class: 'btn btn-ghost', href: `${base}/qr.png`, download: `${key}-qr.png`, 'data-testid': 'qr-download-png' },
            t('qr.downloadPng'),
          ),
        ),
      )
    : null;
  const linkRow = (label, url, testid) =>
    h('p', {}, h('strong', {}, label), ' ', h('a', { href: url, target: '_blank', rel: 'noopener', 'data-testid': testid }, url));
  return [
    code,
    links.active ? null : h('p', { class: 'alert', 'data-testid': 'qr-inactive' }, t('qr.inactive')),
    linkRow(t('qr.link'), links.answer, 'qr-link'),
    linkRow(t('qr.kiosk'), links.kiosk, 'qr-kiosk-link'),
    h(
      'p',
      { class: 'subtle', 'data-testid': 'qr-stats' },
      t('qr.stats', { qr: stats.answers.qr, kiosk: stats.answers.kiosk, blocked: stats.blocked.total }),
    ),
  ];
}
