// Settings › Deliverability: sent, delivered, bounced and complained over 24 hours and 7 days as a small chart
// and a table, the domains that bounce most, and — when the reputation guard paused sending — why, with Resume (admins).
import { get } from '../api.js';
import { chartLibrary, customChart } from '../charts.js';
import { pausedBanner } from '../components/sending-paused.js';
import { h, mount } from '../dom.js';
import { t } from '../i18n.js';
import { emptyState, pageHeader } from '../layout.js';

const ROWS = ['sent', 'delivered', 'bounced', 'softBounced', 'complained'];
const COLOURS = { sent: '#5f6b7a', delivered: '#2b6cb0', bounced: '#c53030', softBounced: '#dd6b20', complained: '#6b46c1' };
const percent = (rate) => `${(rate * 100).toFixed(rate > 0 && rate < 0.01 ? 2 : 1)} %`;

export async function deliverabilityPage(view) {
  const data = await get('/api/v1/deliverability');
  const library = chartLibrary();
  const rerender = () => deliverabilityPage(view);
  const canvas = h('canvas', { role: 'img', 'aria-label': t('dlv.chartLabel', summary(data)) });
  mount(
    view,
    pageHeader(t('nav.deliverability')),
    data.sending.paused && pausedBanner(data.sending, rerender, false),
    h(
      'section',
      { class: 'card' },
      h('h2', { class: 'card-title' }, t('dlv.figures')),
      h(
        'p',
        { class: 'card-sub' },
        t('dlv.thresholds', {
          bounce: percent(data.thresholds.bounceRate),
          complaint: percent(data.thresholds.complaintRate),
          minSent: data.thresholds.minSent,
        }),
      ),
      h('div', { class: 'chart', 'data-testid': 'deliverability-chart' }, canvas),
      figuresTable(data),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', { class: 'card-title' }, t('dlv.domains')),
      data.topBouncingDomains.length
        ? h(
            'ul',
            { 'data-testid': 'bouncing-domains' },
            data.topBouncingDomains.map((d) => h('li', {}, t('dlv.domainLine', d))),
          )
        : emptyState(t('dlv.noBounces')),
    ),
  );
  await library;
  customChart(canvas, {
    type: 'bar',
    data: {
      labels: [t('dlv.last24h'), t('dlv.last7d')],
      datasets: ROWS.map((row) => ({ label: t(`dlv.${row}`), data: [data.last24h[row], data.last7d[row]], backgroundColor: COLOURS[row] })),
    },
    options: { plugins: { legend: { position: 'bottom' } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
}

function summary(data) {
  return { sent: data.last7d.sent, bounced: data.last7d.bounced, complained: data.last7d.complained };
}

function figuresTable(data) {
  const cell = (w, row) => h('td', { class: 'num' }, String(w[row]));
  return h(
    'table',
    { class: 'table', 'data-testid': 'deliverability-table' },
    h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', { class: 'num' }, t('dlv.last24h')), h('th', { class: 'num' }, t('dlv.last7d')))),
    h(
      'tbody',
      {},
      ROWS.map((row) => h('tr', {}, h('th', { scope: 'row' }, t(`dlv.${row}`)), cell(data.last24h, row), cell(data.last7d, row))),
      ['bounceRate', 'complaintRate'].map((row) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, t(`dlv.${row}`)),
          h('td', { class: 'num' }, percent(data.last24h[row])),
          h('td', { class: 'num' }, percent(data.last7d[row])),
        ),
      ),
    ),
  );
}
