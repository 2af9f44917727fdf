// Improvements: changes made to touchpoints, each with the effect Cairn
// measured (before vs after the launch, and against the journey's other
// touchpoints). Managers add, edit and delete them; everyone reads them.
import { del, get, patch, post } from '../api.js';
import { field, submitting, table } from '../components/forms.js';
import { adjustedText, byEffect, verdictText } from '../components/improvement-verdict.js';
import { formValues, h, mount } from '../dom.js';
import { formatDate, t } from '../i18n.js';
import { emptyState, pageHeader } from '../layout.js';
import { href, resolve } from '../router.js';
import { can } from '../session.js';

export const STATUSES = ['planned', 'in_progress', 'launched', 'done', 'abandoned'];

export async function improvementsPage(view) {
  const manager = can('manager');
  const [improvements, journeys, surveys] = await Promise.all([
    get('/api/v1/improvements'),
    get('/api/v1/journeys'),
    // The form offers a metric when a touchpoint has surveys of more than one (only managers see the form).
    manager ? get('/api/v1/surveys') : { data: [] },
  ]);
  // The list names touchpoints by id only: their names come from the journeys.
  const details = await Promise.all(journeys.data.map((j) => get(`/api/v1/journeys/${j.id}`)));
  const touchpoints = new Map();
  for (const journey of details) {
    for (const stage of journey.stages) for (const tp of stage.touchpoints) touchpoints.set(tp.id, { ...tp, journey: journey.name });
  }
  const metrics = new Map();
  for (const survey of surveys.data) {
    if (survey.touchpointId) metrics.set(survey.touchpointId, new Set([...(metrics.get(survey.touchpointId) ?? []), survey.metric]));
  }
  const errors = h('div');
  const form = manager && touchpoints.size ? improvementForm(details, metrics, errors) : null;
  const list = [...improvements.data].sort(byEffect);

  const rows = list.map((item) => {
    const tp = touchpoints.get(item.touchpointId);
    const adjusted = adjustedText(item);
    return h(
      'tr',
      { 'data-testid': 'improvement-row', dataset: { id: item.id, status: item.effect?.status ?? 'none' } },
      h(
        'td',
        {},
        h('strong', { 'data-testid': 'improvement-title' }, item.title),
        item.hypothesis && h('div', { class: 'subtle' }, item.hypothesis),
      ),
      h(
        'td',
        {},
        h('a', { href: href(`/touchpoints/${item.touchpointId}`), 'data-testid': 'improvement-touchpoint' }, tp?.name ?? '–'),
        tp && h('div', { class: 'subtle' }, tp.journey),
      ),
      h('td', {}, item.owner ?? '–'),
      h('td', { 'data-testid': 'improvement-status' }, t(`imp.status.${item.status}`)),
      h(
        'td',
        {},
        h('div', { class: `verdict verdict-${item.effect?.status ?? 'none'}`, 'data-testid': 'verdict' }, verdictText(item)),
        adjusted && h('div', { class: 'subtle', 'data-testid': 'adjusted' }, adjusted),
        item.launchedAt && h('div', { class: 'subtle' }, t('imp.launched', { date: formatDate(item.launchedAt) })),
      ),
      h(
        'td',
        {},
        form && [
          h(
            'button',
            { class: 'btn btn-ghost', type: 'button', 'data-testid': 'edit-improvement', onclick: () => form.edit(item) },
            t('imp.edit'),
          ),
          ' ',
          h(
            'button',
            {
              class: 'btn btn-danger',
              type: 'button',
              'data-testid': 'delete-improvement',
              onclick: async () =>
                confirm(t('imp.confirmDelete', { title: item.title })) &&
                (await del(`/api/v1/improvements/${encodeURIComponent(item.id)}`), resolve()),
            },
            t('imp.delete'),
          ),
        ],
      ),
    );
  });

  mount(
    view,
    pageHeader(t('nav.improvements')),
    h('p', { class: 'hint' }, t('imp.intro')),
    manager && !touchpoints.size ? emptyState(t('imp.noTouchpoint')) : form && [form.opener, form.element],
    rows.length
      ? h(
          'div',
          { class: 'card' },
          table([t('imp.title'), t('imp.touchpoint'), t('imp.owner'), t('imp.status'), t('imp.effect'), ''], rows, 'improvements-table'),
        )
      : emptyState(t('imp.none')),
  );
}

/** A date input's day as the instant its midnight is in the browser's zone (the dashboard reads days that way). */
function dayToInstant(day) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d).toISOString();
}

function instantToDay(iso) {
  const date = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const METRIC_ORDER = ['nps', 'csat', 'ces'];

/**
 * Add or edit: the touchpoint is chosen when adding only (an improvement keeps its touchpoint); the metric only when
 * the touchpoint has surveys of more than one (else the API takes its only one). On a phone the form waits behind a
 * button and opens as a full-screen panel that scrolls, its buttons kept in reach at the bottom.
 */
function improvementForm(journeys, metricsOf, errors) {
  let editing = null;
  const heading = h('h2', { class: 'card-title', id: 'improvement-form-title' }, t('imp.new'));
  const touchpoint = h(
    'select',
    { name: 'touchpointId', required: true, 'data-testid': 'improvement-touchpoint-input' },
    journeys.map((j) =>
      h(
        'optgroup',
        { label: j.name },
        j.stages.flatMap((s) => s.touchpoints.map((tp) => h('option', { value: tp.id }, `${tp.name} · ${s.name}`))),
      ),
    ),
  );
  const metric = h('select', { name: 'metric', required: true, 'data-testid': 'improvement-metric-input' });
  const metricField = field(t('imp.metric'), metric, t('imp.metricHint'));
  metricField.dataset.testid = 'improvement-metric-field';
  const title = h('input', { name: 'title', required: true, maxlength: '200', 'data-testid': 'improvement-title-input' });
  const hypothesis = h('textarea', { name: 'hypothesis', rows: '2', maxlength: '2000', 'data-testid': 'improvement-hypothesis-input' });
  const owner = h('input', { name: 'owner', maxlength: '200', 'data-testid': 'improvement-owner-input' });
  const status = h(
    'select',
    { name: 'status', 'data-testid': 'improvement-status-input' },
    STATUSES.map((s) => h('option', { value: s }, t(`imp.status.${s}`))),
  );
  const launched = h('input', { name: 'launchedAt', type: 'date', 'data-testid': 'improvement-launch-input' });
  const windowDays = h('input', {
    name: 'windowDays',
    type: 'number',
    min: '1',
    max: '365',
    required: true,
    value: '30',
    'data-testid': 'improvement-window-input',
  });
  const cancel = h('button', { class: 'btn btn-ghost', type: 'button', hidden: true, onclick: () => fill(null) }, t('imp.cancel'));
  // Only on a phone (CSS): the panel covers the page, so it needs its own way back.
  const close = h(
    'button',
    { class: 'btn btn-ghost phone-only', type: 'button', 'data-testid': 'close-improvement-form', onclick: () => (fill(null), shut()) },
    t('imp.close'),
  );
  const opener = h(
    'button',
    {
      class: 'btn btn-primary improvement-opener',
      type: 'button',
      'aria-controls': 'improvement-form',
      'aria-expanded': 'false',
      'data-testid': 'open-improvement-form',
      onclick: () => (fill(null), open()),
    },
    t('imp.new'),
  );
  const element = h(
    'form',
    {
      class: 'card inline-card improvement-form',
      id: 'improvement-form',
      'aria-labelledby': 'improvement-form-title',
      'data-testid': 'improvement-form',
      onsubmit: (e) => (e.preventDefault(), submitting(element, errors, save)),
      onkeydown: (e) => e.key === 'Escape' && element.classList.contains('open') && (fill(null), shut()),
    },
    heading,
    h(
      'div',
      { class: 'grid-3' },
      field(t('imp.touchpoint'), touchpoint),
      metricField,
      field(t('imp.title'), title),
      field(t('imp.owner'), owner),
      field(t('imp.hypothesis'), hypothesis),
      field(t('imp.status'), status),
      field(t('imp.launchDate'), launched, t('imp.launchHint')),
      field(t('imp.windowDays'), windowDays, t('imp.windowHint')),
    ),
    h(
      'div',
      { class: 'form-actions' },
      h('button', { class: 'btn btn-primary', type: 'submit', 'data-testid': 'save-improvement' }, t('imp.save')),
      cancel,
      close,
    ),
    errors,
  );
  touchpoint.addEventListener('change', () => offerMetrics(null));
  offerMetrics(null);

  /** The metric select, shown with the touchpoint's metrics when it has more than one (an edited one's stays offered). */
  function offerMetrics(current) {
    const known = new Set(metricsOf.get(touchpoint.value) ?? []);
    if (current) known.add(current);
    const choices = METRIC_ORDER.filter((m) => known.has(m));
    const several = choices.length > 1;
    metricField.hidden = !several;
    // Disabled, it is left out of the form's values and of its validation.
    metric.disabled = !several;
    metric.replaceChildren(
      ...(current ? [] : [h('option', { value: '' }, t('imp.metricChoose'))]),
      ...choices.map((m) => h('option', { value: m }, t(`metric.${m}`))),
    );
    metric.value = current ?? '';
  }

  function open() {
    element.classList.add('open');
    opener.setAttribute('aria-expanded', 'true');
  }

  function shut() {
    element.classList.remove('open');
    opener.setAttribute('aria-expanded', 'false');
    opener.focus();
  }

  function fill(item) {
    editing = item;
    heading.textContent = item ? t('imp.editing', { title: item.title }) : t('imp.new');
    if (item) touchpoint.value = item.touchpointId;
    touchpoint.disabled = Boolean(item);
    offerMetrics(item?.metric ?? null);
    title.value = item?.title ?? '';
    hypothesis.value = item?.hypothesis ?? '';
    owner.value = item?.owner ?? '';
    status.value = item?.status ?? 'planned';
    launched.value = item?.launchedAt ? instantToDay(item.launchedAt) : '';
    windowDays.value = String(item?.windowDays ?? 30);
    cancel.hidden = !item;
    if (item) open();
    element.scrollIntoView({ block: 'start' });
    title.focus();
  }

  async function save() {
    const v = formValues(element);
    const body = {
      title: v.title.trim(),
      hypothesis: v.hypothesis.trim() || null,
      owner: v.owner.trim() || null,
      status: v.status,
      windowDays: Number(v.windowDays),
    };
    if (editing) {
      // The stored instant stays when its day is unchanged (a launch time of day is not lost to the date input).
      const day = editing.launchedAt ? instantToDay(editing.launchedAt) : '';
      if (v.launchedAt !== day) body.launchedAt = v.launchedAt ? dayToInstant(v.launchedAt) : null;
      if (v.metric && v.metric !== editing.metric) body.metric = v.metric;
      await patch(`/api/v1/improvements/${encodeURIComponent(editing.id)}`, body);
    } else {
      for (const key of ['hypothesis', 'owner']) if (body[key] === null) delete body[key];
      if (v.launchedAt) body.launchedAt = dayToInstant(v.launchedAt);
      if (v.metric) body.metric = v.metric;
      await post('/api/v1/improvements', { touchpointId: v.touchpointId, ...body });
    }
    resolve();
  }

  return { element, opener, edit: fill };
}
