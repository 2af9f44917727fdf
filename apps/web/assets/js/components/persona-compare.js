// Two personas side by side on one journey: their portraits next to each
// other, then every stage's touchpoints with each persona's score and the
// difference (a difference within noise is said to be so). Loaded only when
// the map is in this mode (?vs=…), so the map's first load does without it.
import { get } from '../api.js';
import { h } from '../dom.js';
import { formatNumber, t } from '../i18n.js';
import { formatScore, signed } from '../format.js';
import { updateQuery } from '../router.js';
import { scoreColors } from '../score-scale.js';
import { personaPortrait } from './persona-card.js';

const Z95 = 1.959964;

/** `left`/`right`: persona ids ('' = all customers); `leftMap`: the map already read for the left one. */
export async function personaCompare({ journeyId, personas, left, right, params, leftMap }) {
  const rightMap = await get(`/api/v1/journeys/${encodeURIComponent(journeyId)}/map`, { ...params, persona: right || undefined });
  const everyone = { id: '', name: t('filter.allCustomers'), description: t('persona.everyone') };
  const byId = new Map([['', everyone], ...personas.map((p) => [p.id, p])]);
  const sides = [byId.get(left) ?? everyone, byId.get(right) ?? everyone];
  const picker = (i, value, key) =>
    h(
      'select',
      {
        'aria-label': t('persona.side', { n: i + 1 }),
        'data-testid': `persona-side-${i + 1}`,
        onchange: (e) => updateQuery({ [key]: e.target.value }),
      },
      [everyone, ...personas].map((p) => h('option', { value: p.id, selected: p.id === value }, p.name)),
    );
  const rightStages = new Map(rightMap.stages.map((s) => [s.id, s]));
  const rows = leftMap.stages.flatMap((stage) => {
    const other = rightStages.get(stage.id);
    const otherTps = new Map((other?.touchpoints ?? []).map((tp) => [`${tp.id}|${tp.metric}`, tp]));
    return [
      h(
        'tr',
        { class: 'compare-stage-row', 'data-testid': 'compare-stage', dataset: { stageId: stage.id } },
        h('th', { scope: 'rowgroup' }, stage.name),
        // The stage's feeling (the emotion curve's value, −1..1) for each side.
        [stage.emotion, other?.emotion].map((emotion, i) =>
          h(
            'td',
            { class: 'compare-feeling', 'data-testid': `compare-feeling-${i + 1}`, dataset: { emotion: emotion ?? '' } },
            t('persona.feeling', { value: typeof emotion === 'number' ? signed(Math.round(emotion * 100) / 100) : '–' }),
          ),
        ),
        h('td', {}),
      ),
      stage.touchpoints
        .filter((tp) => tp.metric)
        .map((tp) => {
          const b = otherTps.get(`${tp.id}|${tp.metric}`);
          return h(
            'tr',
            { 'data-testid': 'compare-row', dataset: { touchpointId: tp.id, metric: tp.metric } },
            h('th', { scope: 'row' }, tp.name, ' ', h('span', { class: `metric metric-${tp.metric}` }, t(`metric.${tp.metric}`))),
            scoreCell(tp, 'compare-left'),
            scoreCell(b, 'compare-right'),
            differenceCell(tp, b),
          );
        }),
    ];
  });
  return h(
    'section',
    { class: 'persona-compare', 'data-testid': 'persona-compare' },
    h(
      'div',
      { class: 'filters persona-compare-pickers' },
      picker(0, left, 'persona'),
      h('span', { class: 'subtle' }, t('compare.versus')),
      picker(1, right, 'vs'),
      h(
        'button',
        { class: 'btn btn-ghost', type: 'button', 'data-testid': 'close-compare', onclick: () => updateQuery({ vs: '' }) },
        t('persona.closeCompare'),
      ),
    ),
    h(
      'div',
      { class: 'persona-pair' },
      sides.map((p, i) => personaPortrait(p, `compare-portrait-${i + 1}`)),
    ),
    h(
      'div',
      { class: 'card' },
      h('h2', { class: 'card-title' }, t('persona.compareScores')),
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'compare-table', 'data-testid': 'compare-table' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, t('persona.touchpoint')),
              h('th', { scope: 'col' }, sides[0].name),
              h('th', { scope: 'col' }, sides[1].name),
              h('th', { scope: 'col' }, t('persona.difference')),
            ),
          ),
          h('tbody', {}, rows),
        ),
      ),
    ),
  );
}

function scoreCell(tp, testid) {
  const color = scoreColors(tp?.metric, tp?.score ?? null);
  return h(
    'td',
    {
      class: 'compare-score',
      'data-testid': testid,
      dataset: { score: tp?.score ?? '', n: tp?.n ?? 0 },
      style: { background: color.tint },
    },
    h('strong', { style: { color: color.text } }, formatScore(tp?.metric, tp?.score ?? null)),
    h('small', { class: 'subtle' }, `n = ${formatNumber(tp?.n ?? 0, 0)}`),
  );
}

/** Left minus right; beyond noise when it exceeds 1.96 standard errors of a difference of two independent scores. */
function differenceCell(a, b) {
  if (!b || a.score === null || b.score === null || !a.ci95 || !b.ci95) return h('td', { 'data-testid': 'compare-delta' }, '–');
  const se = (ci) => (ci[1] - ci[0]) / (2 * Z95);
  const delta = a.score - b.score;
  const significant = Math.abs(delta) > Z95 * Math.hypot(se(a.ci95), se(b.ci95));
  return h(
    'td',
    { 'data-testid': 'compare-delta', dataset: { significant: String(significant) } },
    signed(delta),
    ' ',
    h('small', { class: 'subtle' }, t(significant ? 'persona.beyondNoise' : 'persona.withinNoise')),
  );
}
