// The date-range picker and the segment/persona filter. Their state lives in
// the URL (#…?since=2026-01-01&until=2026-04-01&seg=plan:pro&persona=ID), so a
// view can be reloaded or shared exactly as it is.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { updateQuery } from '../router.js';

export const PRESETS = [7, 30, 90, 180, 365];
const DEFAULT_DAYS = 90;
const DAY = 86_400_000;

/** yyyy-mm-dd of a local calendar day. */
export function isoDay(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function addDays(day, days) {
  const [y, m, d] = day.split('-').map(Number);
  return isoDay(new Date(y, m - 1, d + days));
}

/** since (inclusive) and until (exclusive) as local days; the default is the last 90 days including today. */
export function rangeOf(query, today = new Date()) {
  const tomorrow = addDays(isoDay(today), 1);
  const until = /^\d{4}-\d{2}-\d{2}$/.test(query.until ?? '') ? query.until : tomorrow;
  const since = /^\d{4}-\d{2}-\d{2}$/.test(query.since ?? '') ? query.since : addDays(until, -DEFAULT_DAYS);
  const days = Math.round((Date.parse(until) - Date.parse(since)) / DAY);
  const preset = until === tomorrow && PRESETS.includes(days) ? String(days) : 'custom';
  return { since, until, days, preset };
}

export function segmentsOf(query) {
  return (query.seg ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf(':');
      return { property: pair.slice(0, at), value: pair.slice(at + 1) };
    })
    .filter((s) => s.property && s.value);
}

/** The query the score endpoints take for the current filters (dates read in the browser's zone). */
export function scoreParams(query) {
  const { since, until } = rangeOf(query);
  const params = { since, until, tz: Intl.DateTimeFormat().resolvedOptions().timeZone, persona: query.persona };
  for (const s of segmentsOf(query)) params[`segment.${s.property}`] = s.value;
  return params;
}

/** The filter bar. `segments`: { property: [values] } suggestions; `personas`: [{ id, name }]. */
export function filterBar(query, { segments = {}, personas = [] } = {}) {
  const range = rangeOf(query);
  const preset = h(
    'select',
    { 'aria-label': t('filter.range'), 'data-testid': 'range-preset', onchange: (e) => choosePreset(e.target.value) },
    PRESETS.map((d) => h('option', { value: String(d), selected: range.preset === String(d) }, t('filter.lastDays', { days: d }))),
    h('option', { value: 'custom', selected: range.preset === 'custom' }, t('filter.custom')),
  );
  const from = h('input', {
    type: 'date',
    value: range.since,
    'aria-label': t('filter.from'),
    'data-testid': 'range-from',
    max: addDays(range.until, -1),
  });
  const to = h('input', { type: 'date', value: addDays(range.until, -1), 'aria-label': t('filter.to'), 'data-testid': 'range-to' });
  const applyDates = () => {
    if (!from.value || !to.value || from.value > to.value) return;
    updateQuery({ since: from.value, until: addDays(to.value, 1) });
  };
  from.addEventListener('change', applyDates);
  to.addEventListener('change', applyDates);
  const current = segmentsOf(query)[0];
  const segment = h(
    'select',
    { 'aria-label': t('filter.segment'), 'data-testid': 'segment', onchange: (e) => updateQuery({ seg: e.target.value }) },
    h('option', { value: '' }, t('filter.allCustomers')),
    Object.entries(segments).map(([property, values]) =>
      h(
        'optgroup',
        { label: property },
        values.map((v) =>
          h('option', { value: `${property}:${v}`, selected: current?.property === property && current?.value === v }, `${property}: ${v}`),
        ),
      ),
    ),
  );
  const persona = personas.length
    ? h(
        'select',
        { 'aria-label': t('filter.persona'), onchange: (e) => updateQuery({ persona: e.target.value }) },
        h('option', { value: '' }, t('filter.anyPersona')),
        personas.map((p) => h('option', { value: p.id, selected: query.persona === p.id }, p.name)),
      )
    : null;
  return h(
    'div',
    { class: 'filters', role: 'group', 'aria-label': t('filter.label') },
    h('label', { class: 'field' }, h('span', {}, t('filter.range')), preset),
    h('label', { class: 'field' }, h('span', {}, t('filter.from')), from),
    h('label', { class: 'field' }, h('span', {}, t('filter.to')), to),
    h('label', { class: 'field' }, h('span', {}, t('filter.segment')), segment),
    persona && h('label', { class: 'field' }, h('span', {}, t('filter.persona')), persona),
  );
}

function choosePreset(value) {
  if (value === 'custom') return;
  const until = addDays(isoDay(new Date()), 1);
  updateQuery({ since: addDays(until, -Number(value)), until });
}
