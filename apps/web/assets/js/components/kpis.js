// The headline numbers of a touchpoint: score with its interval, the previous
// period with the change and whether it is significant, n and the response
// rate of emailed surveys (the only answers with an invitation to count against).
import { h } from '../dom.js';
import { formatDate, formatNumber, t } from '../i18n.js';
import { formatInterval, formatScore, signed, trendArrow } from '../format.js';
import { scoreColors } from '../score-scale.js';

function kpi(label, value, detail, extra = {}) {
  return h(
    'div',
    { class: 'kpi', ...extra },
    h('div', { class: 'kpi-label' }, label),
    h('div', { class: 'kpi-value' }, value),
    h('div', { class: 'kpi-detail' }, detail),
  );
}

export function kpiRow(metric, s) {
  const color = scoreColors(metric, s.score);
  const arrow = trendArrow(s.previous?.delta, s.previous?.significant);
  const rate = s.responseRate;
  return h(
    'div',
    { class: 'kpis' },
    kpi(
      t('tp.score'),
      h('span', { style: { color: color.text }, 'data-testid': 'tp-score', dataset: { side: color.side } }, formatScore(metric, s.score)),
      [
        t('map.ci', { interval: formatInterval(metric, s.ci95) }),
        !s.reliable && s.n >= 0 ? h('span', { class: 'badge badge-warn' }, t('map.lowN')) : null,
      ],
      { 'data-testid': 'kpi-score', style: { borderLeft: `5px solid ${color.fill}`, background: color.tint } },
    ),
    kpi(
      t('tp.previous'),
      h('span', { 'data-testid': 'tp-previous' }, formatScore(metric, s.previous?.score)),
      h(
        'span',
        { class: `trend-text ${arrow.cls}`, 'data-testid': 'tp-delta' },
        `${arrow.symbol} ${signed(s.previous?.delta)} · `,
        s.previous?.significant ? t('tp.significant') : t('tp.notSignificant'),
      ),
      { title: s.previous ? `${formatDate(s.previous.since)} – ${formatDate(s.previous.until)}` : '' },
    ),
    kpi(
      t('tp.responses'),
      h('span', { 'data-testid': 'tp-n' }, formatNumber(s.n, 0)),
      t('tp.previousN', { n: formatNumber(s.previous?.n ?? 0, 0) }),
    ),
    kpi(
      t('tp.responseRate'),
      h('span', { 'data-testid': 'tp-rate' }, rate?.rate === null || rate?.rate === undefined ? '–' : `${formatNumber(rate.rate, 1)}%`),
      h(
        'span',
        { 'data-testid': 'tp-rate-detail', title: t('tp.rateNote') },
        !rate?.sent
          ? t('tp.noInvitations')
          : t('tp.rateDetail', { responded: formatNumber(rate.responded, 0), sent: formatNumber(rate.sent, 0) }),
      ),
    ),
  );
}
