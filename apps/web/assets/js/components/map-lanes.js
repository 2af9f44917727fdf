// The journey map laid out as CX teams draw one: a column per stage and a lane
// per layer — the customer's goal, what they do, the touchpoints with their
// score and target, how it feels (the emotion curve from scores and a second
// line from comment sentiment), what comments talk about, and the pain
// points. On wide screens the lanes line up across the stages (CSS subgrid)
// with their names in a rail on the left; on a phone every stage is a card of
// its own with each lane named inside it, under the curve.
import { h, mount } from '../dom.js';
import { formatNumber, t } from '../i18n.js';
import { formatScore, signed } from '../format.js';
import { touchpointCard } from './touchpoint-card.js';

// `key` literals, so the catalog test sees every lane name.
const LANES = [
  { lane: 'goal', key: 'map.lane.goal' },
  { lane: 'actions', key: 'map.lane.actions' },
  { lane: 'touchpoints', key: 'map.lane.touchpoints' },
  { lane: 'feeling', key: 'map.lane.feeling' },
  { lane: 'themes', key: 'map.lane.themes' },
  { lane: 'pains', key: 'map.lane.pains' },
];
const FEELING_ROW = 2 + LANES.findIndex((l) => l.lane === 'feeling');

/**
 * `themesOf`: stageId → the map view's stage themes (names, mentions, impact). `edit`: null for viewers, else
 * { stage(stage, changes), touchpoint(tp, changes) } that PATCH and resolve to the stored record.
 */
export function mapLanes(stages, { themesOf, linkQuery, edit }) {
  const curve = h('canvas', { 'aria-label': t('map.emotionCurve'), role: 'img' });
  const element = h(
    'div',
    { class: 'lanes', 'data-testid': 'map-lanes', style: { '--stages': String(Math.max(stages.length, 1)) } },
    LANES.map(({ key }, i) => h('div', { class: 'lane-label', style: { gridRow: String(i + 2) }, 'aria-hidden': 'true' }, t(key))),
    h('div', { class: 'lane-curve', style: { gridRow: String(FEELING_ROW) } }, h('div', { class: 'curve' }, curve), curveLabels(stages)),
    stages.map((stage, i) => stageColumn(stage, i, { themes: themesOf.get(stage.id), linkQuery, edit })),
  );
  return { element, curve };
}

function stageColumn(stage, index, { themes, linkQuery, edit }) {
  const cells = {
    goal: goalCell(stage, edit),
    actions: actionsCell(stage, edit),
    touchpoints: stage.touchpoints.length
      ? stage.touchpoints.map((tp) => touchpointLayer(tp, linkQuery, edit))
      : h('div', { class: 'tp-card tp-empty' }, t('map.noTouchpoints')),
    feeling: feelingCell(stage),
    themes: themeList(themes, stage.topThemes ?? []),
    pains: painList(stage),
  };
  return h(
    'section',
    { class: 'stage', 'data-testid': 'stage', dataset: { stageId: stage.id }, style: { gridColumn: String(index + 2) } },
    h('header', { class: 'stage-head' }, h('h2', {}, stage.name), h('span', { class: 'stage-n' }, `n = ${formatNumber(stage.n, 0)}`)),
    LANES.map(({ lane, key }) =>
      h('div', { class: `lane-cell lane-${lane}`, 'data-testid': `lane-${lane}` }, h('h3', { class: 'lane-title' }, t(key)), cells[lane]),
    ),
  );
}

function goalCell(stage, edit) {
  const show = (goal) =>
    goal ? h('p', { class: 'lane-text', 'data-testid': 'goal' }, goal) : h('p', { class: 'lane-none' }, t('map.noGoal'));
  if (!edit) return show(stage.customerGoal);
  return editable({
    label: t('map.goalOf', { stage: stage.name }),
    value: stage.customerGoal ?? null,
    show,
    testid: 'goal',
    maxlength: '500',
    save: async (customerGoal) => (await edit.stage(stage, { customerGoal })).customerGoal ?? null,
  });
}

function actionsCell(stage, edit) {
  const show = (actions) =>
    actions?.length
      ? h(
          'ul',
          { class: 'lane-list' },
          actions.map((a) => h('li', { 'data-testid': 'action' }, a)),
        )
      : h('p', { class: 'lane-none' }, t('map.noActions'));
  if (!edit) return show(stage.customerActions);
  return editable({
    label: t('map.actionsOf', { stage: stage.name }),
    value: stage.customerActions ?? [],
    kind: 'lines',
    show,
    testid: 'actions',
    save: async (customerActions) => (await edit.stage(stage, { customerActions })).customerActions ?? [],
  });
}

/** A target is a score on the touchpoint's own scale ("NPS 40" is 40); older answers may wrap it as { value }. */
export function targetOf(tp) {
  const target = tp.target;
  if (target === null || target === undefined) return null;
  return typeof target === 'object' ? (target.value ?? target.score ?? null) : target;
}

function touchpointLayer(tp, linkQuery, edit) {
  const target = targetOf(tp);
  const met = tp.targetMet === true ? 'met' : tp.targetMet === false ? 'missed' : 'none';
  const showTarget = (value) =>
    value === null
      ? h('span', { class: 'lane-none' }, t('map.noTarget'))
      : h('span', {}, t('map.target', { target: formatScore(tp.metric, value) }));
  const showOwner = (owner) => (owner ? h('span', {}, owner) : h('span', { class: 'lane-none' }, t('map.noOwner')));
  return h(
    'div',
    { class: 'tp-layer', 'data-testid': 'tp-layer', dataset: { tp: tp.id, metric: tp.metric ?? '', met } },
    touchpointCard(tp, linkQuery),
    h(
      'dl',
      { class: 'tp-layer-facts' },
      h('dt', {}, t('map.targetLabel')),
      h(
        'dd',
        { 'data-testid': 'target' },
        edit && tp.metric
          ? editable({
              label: t('map.targetOf', { name: tp.name }),
              value: target,
              kind: 'number',
              show: showTarget,
              testid: 'target',
              save: async (value) => targetOf(await edit.touchpoint(tp, { target: value })),
            })
          : showTarget(target),
        target !== null &&
          met !== 'none' &&
          h(
            'span',
            { class: `target-mark target-${met}`, 'data-testid': 'target-mark', dataset: { met } },
            h('span', { 'aria-hidden': 'true' }, met === 'met' ? '✓ ' : '✗ '),
            t(met === 'met' ? 'map.targetMet' : 'map.targetMissed'),
          ),
      ),
      h('dt', {}, t('map.ownerLabel')),
      h(
        'dd',
        { 'data-testid': 'owner' },
        edit
          ? editable({
              label: t('map.ownerOf', { name: tp.name }),
              value: tp.owner ?? null,
              show: showOwner,
              testid: 'owner',
              maxlength: '120',
              save: async (owner) => (await edit.touchpoint(tp, { owner })).owner ?? null,
            })
          : showOwner(tp.owner),
      ),
    ),
  );
}

/** The curve's values in words: on a phone under each stage, and for screen readers everywhere. */
function feelingCell(stage) {
  const value = (v) => (typeof v === 'number' ? signed(Math.round(v * 100) / 100) : '–');
  return h(
    'p',
    { class: 'feeling-values', 'data-testid': 'feeling', dataset: { emotion: stage.emotion ?? '', sentiment: stage.sentiment ?? '' } },
    t('map.feelingScores', { value: value(stage.emotion) }),
    typeof stage.sentiment === 'number' && [' · ', t('map.feelingSentiment', { value: value(stage.sentiment) })],
  );
}

/**
 * What the stage's comments talk about most: each theme's mentions and what it costs or earns (the map view's stage
 * themes), the share of negative mentions and a quote (the map's topThemes, matched by theme key).
 */
function themeList(stage, topThemes) {
  const top = new Map(topThemes.map((x) => [x.theme, x]));
  const rows = stage?.themes.length
    ? stage.themes.map((theme) => ({ ...top.get(theme.theme), ...theme }))
    : topThemes.map((x) => ({ ...x, name: x.name ?? x.theme }));
  if (!rows.length) return h('p', { class: 'lane-none' }, t('map.noThemes'));
  return h(
    'div',
    { class: 'stage-themes', 'data-testid': 'stage-themes' },
    h(
      'ul',
      {},
      rows.map((theme) =>
        h(
          'li',
          { 'data-testid': 'stage-theme', dataset: { theme: theme.theme } },
          h('span', { class: 'stage-theme-name' }, theme.name),
          ' ',
          typeof theme.impact === 'number'
            ? h(
                'span',
                { class: ['stage-theme-figures', theme.impact < 0 ? 'stage-theme-cost' : 'stage-theme-gain'] },
                t('map.stageTheme', { n: formatNumber(theme.mentions, 0), impact: signed(theme.impact) }),
              )
            : h('span', { class: 'stage-theme-figures' }, t('map.mentions', { n: formatNumber(theme.mentions, 0) })),
          typeof theme.negativeShare === 'number' &&
            h(
              'span',
              { class: 'stage-theme-negative', 'data-testid': 'theme-negative' },
              t('map.negativeShare', { share: formatNumber(theme.negativeShare * 100, 0) }),
            ),
          quoteOf(theme) && h('q', { class: 'stage-theme-quote', 'data-testid': 'theme-quote' }, quoteOf(theme)),
        ),
      ),
    ),
  );
}

function quoteOf(theme) {
  const quote = theme.quote;
  return typeof quote === 'string' ? quote : (quote?.text ?? quote?.comment ?? null);
}

/**
 * Touchpoints below their target or significantly down. The map names them per stage (`painPoints`); each is
 * written from its touchpoint's own figures, so the words and the cards above never disagree.
 */
function painList(stage) {
  // A touchpoint asked in two metrics is on the map twice: the metric tells which card a pain point is about.
  const byKey = new Map(stage.touchpoints.map((tp) => [`${tp.id}|${tp.metric}`, tp]));
  const items = (stage.painPoints ?? []).map((p) => {
    if (typeof p === 'string') return { text: p };
    const tp = byKey.get(`${p.touchpointId}|${p.metric}`) ?? stage.touchpoints.find((x) => x.id === p.touchpointId) ?? p;
    const reasons = [p.reason, ...(p.reasons ?? [])].filter(Boolean).join(' ');
    const below = /target/.test(reasons) || p.belowTarget === true || tp.targetMet === false;
    const down = /down|drop|decline/.test(reasons) || p.significantlyDown === true || (tp.previous?.significant && tp.delta < 0);
    const name = p.name ?? tp.name ?? '';
    const parts = [];
    if (below)
      parts.push(
        t('map.painBelowTarget', {
          score: formatScore(tp.metric, p.score ?? tp.score),
          target: formatScore(tp.metric, targetOf(tp) ?? p.target),
        }),
      );
    if (down) parts.push(t('map.painDown', { delta: signed(p.delta ?? tp.delta) }));
    return { id: tp.id, metric: p.metric ?? tp.metric, name, text: parts.join('; ') };
  });
  if (!items.length) return h('p', { class: 'lane-none' }, t('map.noPains'));
  return h(
    'ul',
    { class: 'lane-list pain-list' },
    items.map((item) =>
      h(
        'li',
        { 'data-testid': 'pain-point', dataset: { tp: item.id ?? '', metric: item.metric ?? '' } },
        item.name && h('strong', {}, item.name),
        item.name && item.text ? ': ' : null,
        item.text,
      ),
    ),
  );
}

/**
 * The stage names under the curve on narrow screens (on wide ones the stage columns below name them). A column can be
 * narrower than its name, so the labels alternate between two rows and each may take a whole column's width on both
 * sides of its own (half-columns in the grid): neighbours in a row are two columns apart and never overlap.
 */
function curveLabels(stages) {
  const n = stages.length;
  return h(
    'div',
    { class: 'curve-labels', 'aria-hidden': 'true', style: { '--half-columns': String(Math.max(2 * n, 2)) } },
    stages.map((s, i) =>
      h(
        'span',
        {
          class: ['curve-label', n > 1 && i === 0 && 'curve-label-first', n > 1 && i === n - 1 && 'curve-label-last'],
          style: { gridColumn: `${Math.max(1, 2 * i)} / ${Math.min(2 * n + 1, 2 * i + 4)}`, gridRow: String((i % 2) + 1) },
          'data-testid': 'curve-label',
        },
        s.name,
      ),
    ),
  );
}

/**
 * A value a manager edits in place: shown as a button whose name is the value followed by what a click does (WCAG
 * 2.5.3); the click loads the form (inline-edit.js) into its place. `show(value)` draws the value.
 */
function editable(options) {
  const box = h('div', { class: 'inline-edit', 'data-testid': `${options.testid}-field` });
  const hint = t('map.editField', { field: options.label });
  const display = (value, focus = false) => {
    const button = h(
      'button',
      {
        class: 'inline-edit-show',
        type: 'button',
        title: hint,
        'data-testid': `${options.testid}-edit`,
        onclick: () =>
          import('./inline-edit.js').then(
            ({ editForm }) => editForm(box, { ...options, value }, display),
            () => box.append(h('div', { class: 'alert alert-error', role: 'alert' }, t('common.loadFailed'))),
          ),
      },
      options.show(value),
      h('span', { class: 'inline-edit-hint' }, hint),
      h('span', { class: 'inline-edit-pencil', 'aria-hidden': 'true' }, '✎'),
    );
    mount(box, button);
    if (focus) button.focus();
  };
  display(options.value);
  return box;
}
