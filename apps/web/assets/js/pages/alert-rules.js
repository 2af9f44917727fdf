// Settings › Alert rules: detractor alerts per answer and score-drop alerts.
import { del, get, patch, post } from '../api.js';
import { field, submitting, table } from '../components/forms.js';
import { formValues, h, mount } from '../dom.js';
import { metricLabel } from '../format.js';
import { t } from '../i18n.js';
import { pageHeader } from '../layout.js';
import { resolve } from '../router.js';
import { can } from '../session.js';

const num = (v) => (v === '' || v === undefined ? undefined : Number(v));

export async function alertRulesPage(view) {
  const [rules, touchpoints] = await Promise.all([get('/api/v1/alert-rules'), get('/api/v1/touchpoints')]);
  const names = new Map(touchpoints.data.map((tp) => [tp.id, tp.name]));
  const admin = can('admin');
  const rows = (rules.data ?? rules).map((r) =>
    h(
      'tr',
      { 'data-testid': 'alert-rule', dataset: { ruleId: r.id } },
      h('td', {}, r.name, r.isDefault && h('span', { class: 'badge' }, t('rules.default'))),
      h('td', {}, t(`rules.kind.${r.kind}`)),
      h('td', {}, condition(r)),
      h('td', {}, scope(r, names)),
      h(
        'td',
        {},
        admin
          ? h(
              'label',
              { class: 'switch' },
              h('input', {
                type: 'checkbox',
                checked: r.enabled,
                'aria-label': t('rules.enabled'),
                onchange: async (e) => (await patch(`/api/v1/alert-rules/${r.id}`, { enabled: e.target.checked }), resolve()),
              }),
            )
          : r.enabled
            ? t('common.yes')
            : t('common.no'),
      ),
      h(
        'td',
        {},
        admin &&
          !r.isDefault &&
          h(
            'button',
            {
              class: 'btn btn-ghost',
              onclick: async () => confirm(t('rules.confirmDelete')) && (await del(`/api/v1/alert-rules/${r.id}`), resolve()),
            },
            t('common.delete'),
          ),
      ),
    ),
  );
  mount(
    view,
    pageHeader(t('nav.alertRules')),
    h('p', { class: 'hint' }, t('rules.intro')),
    h(
      'div',
      { class: 'card' },
      table([t('rules.name'), t('rules.kindLabel'), t('rules.condition'), t('rules.scope'), t('rules.enabled'), ''], rows, 'alert-rules'),
    ),
    admin ? ruleForm(names) : h('div', { class: 'alert' }, t('common.adminOnly')),
  );
}

function condition(r) {
  if (r.kind === 'score_drop')
    return t('rules.dropText', { metric: metricLabel(r.metric), below: r.below, days: r.windowDays, n: r.minResponses });
  if (r.thresholds)
    return ['nps', 'csat', 'ces']
      .filter((m) => r.thresholds[m] !== undefined)
      .map((m) => `${metricLabel(m)} ≤ ${r.thresholds[m]}`)
      .join(', ');
  return `${metricLabel(r.metric)} ≤ ${r.scoreAtMost}`;
}

function scope(r, names) {
  const ids = r.kind === 'response' ? r.touchpointIds : [r.touchpointId].filter(Boolean);
  if (r.stageId) return t('rules.stage');
  return ids?.length ? ids.map((id) => names.get(id) ?? id).join(', ') : t('rules.everywhere');
}

function ruleForm(names) {
  const errors = h('div');
  const dropFields = h(
    'div',
    { class: 'grid-3', hidden: true },
    field(t('rules.below'), h('input', { name: 'below', type: 'number', step: 'any' })),
    field(t('rules.windowDays'), h('input', { name: 'windowDays', type: 'number', min: '1', value: '30' })),
    field(t('rules.minResponses'), h('input', { name: 'minResponses', type: 'number', min: '1', value: '30' })),
  );
  const responseFields = h('div', {}, field(t('rules.scoreAtMost'), h('input', { name: 'scoreAtMost', type: 'number', value: '6' })));
  const kind = h(
    'select',
    {
      name: 'kind',
      onchange: () => ((dropFields.hidden = kind.value !== 'score_drop'), (responseFields.hidden = kind.value === 'score_drop')),
    },
    ['response', 'score_drop'].map((k) => h('option', { value: k }, t(`rules.kind.${k}`))),
  );
  const form = h(
    'form',
    { class: 'card', 'data-testid': 'alert-rule-form', onsubmit: (e) => (e.preventDefault(), submitting(form, errors, create)) },
    h('h2', { class: 'card-title' }, t('rules.new')),
    h(
      'div',
      { class: 'grid-2' },
      field(t('rules.name'), h('input', { name: 'name', required: true, maxlength: '120' })),
      field(t('rules.kindLabel'), kind),
      field(
        t('survey.metric'),
        h(
          'select',
          { name: 'metric' },
          ['nps', 'csat', 'ces'].map((m) => h('option', { value: m }, metricLabel(m))),
        ),
      ),
      field(
        t('survey.touchpoint'),
        h(
          'select',
          { name: 'touchpointId' },
          h('option', { value: '' }, t('rules.everywhere')),
          [...names].map(([id, name]) => h('option', { value: id }, name)),
        ),
      ),
    ),
    responseFields,
    dropFields,
    errors,
    h('div', { class: 'form-actions' }, h('button', { class: 'btn btn-primary', type: 'submit' }, t('rules.create'))),
  );
  async function create() {
    const v = formValues(form);
    const base = { name: v.name, kind: v.kind, metric: v.metric, touchpointId: v.touchpointId || undefined };
    const extra =
      v.kind === 'score_drop'
        ? { below: num(v.below), windowDays: num(v.windowDays), minResponses: num(v.minResponses) }
        : { scoreAtMost: num(v.scoreAtMost) };
    await post('/api/v1/alert-rules', { ...base, ...extra });
    resolve();
  }
  return form;
}
