// Create or edit one survey: channel, trigger, timing, localized texts, live preview (the email, or the SMS and its length).
import { patch, post } from '../api.js';
import { formValues, h } from '../dom.js';
import { metricLabel } from '../format.js';
import { t } from '../i18n.js';
import { can } from '../session.js';
import { field, submitting } from './forms.js';
import { previewPane, readTexts, textTabs } from './survey-texts.js';

const HOUR = 3600;
const DAY = 86400;
const num = (value) => (value === '' || value === undefined ? undefined : Number(value));

export function surveyEditor(survey, touchpoints, onSaved) {
  const disabled = !can('manager');
  const errors = h('div');
  const preview = previewPane();
  let timer = null;
  const refresh = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const values = formValues(form);
      const texts = readTexts(form);
      preview.refresh({
        metric: survey?.metric ?? values.metric,
        touchpointId: survey?.touchpointId ?? values.touchpointId,
        question: texts.question ?? undefined,
        subject: texts.subject ?? undefined,
        channel: values.channel ?? survey?.channel,
      });
    }, 250);
  };
  preview.onLocale(refresh);
  const form = h(
    'form',
    { class: 'editor-form', 'data-testid': 'survey-form', onsubmit: (e) => (e.preventDefault(), submitting(form, errors, save)) },
    survey
      ? h('p', { class: 'subtle' }, `${touchpoints.get(survey.touchpointId) ?? ''} · ${metricLabel(survey.metric)}`)
      : h(
          'div',
          { class: 'grid-2' },
          field(
            t('survey.touchpoint'),
            h(
              'select',
              { name: 'touchpointId', required: true, onchange: refresh },
              [...touchpoints].map(([id, name]) => h('option', { value: id }, name)),
            ),
          ),
          field(
            t('survey.metric'),
            h(
              'select',
              { name: 'metric', onchange: refresh },
              ['nps', 'csat', 'ces'].map((m) => h('option', { value: m }, metricLabel(m))),
            ),
          ),
        ),
    h(
      'div',
      { class: 'grid-2' },
      field(
        t('survey.channel'),
        h(
          'select',
          { name: 'channel', disabled, onchange: refresh, 'data-testid': 'survey-channel' },
          ['email', 'sms'].map((c) => h('option', { value: c, selected: (survey?.channel ?? 'email') === c }, t(`survey.channel.${c}`))),
        ),
        t('survey.channelHint'),
      ),
      field(
        t('survey.event'),
        h('input', {
          name: 'event',
          required: true,
          disabled,
          value: survey?.trigger.event ?? '',
          placeholder: 'order.delivered',
          pattern: '[A-Za-z0-9][A-Za-z0-9._:\\-]{0,99}',
        }),
      ),
      field(
        t('survey.delayHours'),
        h('input', {
          name: 'delayHours',
          type: 'number',
          min: '0',
          step: 'any',
          disabled,
          value: String((survey?.trigger.delaySeconds ?? 0) / HOUR),
        }),
      ),
      field(
        t('survey.reminderHours'),
        h('input', {
          name: 'reminderHours',
          type: 'number',
          min: '1',
          step: 'any',
          disabled,
          value: survey?.reminderAfterSeconds ? String(survey.reminderAfterSeconds / HOUR) : '',
        }),
        t('survey.reminderHint'),
      ),
      field(
        t('survey.throttleDays'),
        h('input', { name: 'throttleDays', type: 'number', min: '0', disabled, value: String(survey?.throttleDays ?? 30) }),
      ),
      field(
        t('survey.expiresDays'),
        h('input', {
          name: 'expiresDays',
          type: 'number',
          min: '1',
          step: 'any',
          disabled,
          value: String((survey?.expiresAfterSeconds ?? 30 * DAY) / DAY),
        }),
      ),
      h(
        'label',
        { class: 'check' },
        h('input', { type: 'checkbox', name: 'active', checked: survey?.active ?? true, disabled }),
        t('survey.active'),
      ),
    ),
    textTabs(survey, disabled, refresh),
    errors,
    !disabled &&
      h(
        'div',
        { class: 'form-actions' },
        h('button', { class: 'btn btn-primary', type: 'submit', 'data-testid': 'save-survey' }, t('common.save')),
      ),
  );

  async function save() {
    const v = formValues(form);
    const body = {
      trigger: { event: v.event, delaySeconds: Math.round(Number(v.delayHours || 0) * HOUR) },
      reminderAfterSeconds: v.reminderHours ? Math.round(Number(v.reminderHours) * HOUR) : null,
      throttleDays: num(v.throttleDays),
      expiresAfterSeconds: v.expiresDays ? Math.round(Number(v.expiresDays) * DAY) : undefined,
      active: v.active,
      channel: v.channel,
      ...readTexts(form),
    };
    const saved = survey
      ? await patch(`/api/v1/surveys/${survey.id}`, body)
      : await post('/api/v1/surveys', { ...body, touchpointId: v.touchpointId, metric: v.metric });
    onSaved(saved);
  }
  refresh();
  return h('div', { class: 'editor' }, form, preview);
}
