// The localized texts of a survey (one tab per language) and the live preview: the email, or the SMS with its length.
import { post } from '../api.js';
import { h, mount } from '../dom.js';
import { t } from '../i18n.js';
import { tabList } from './tabs.js';

export const LOCALES = ['en', 'sv', 'da'];
const FIELDS = [
  ['question', 500],
  ['subject', 200],
  ['commentPrompt', 500],
];

/** Inputs named question.en, subject.sv, …; empty means the built-in text of that language. */
export function textTabs(survey, disabled, onInput) {
  const panels = LOCALES.map((locale) =>
    h(
      'div',
      { class: 'tab-panel', dataset: { locale } },
      FIELDS.map(([name, max]) =>
        h(
          'label',
          { class: 'field' },
          h('span', {}, t(`survey.${name}`)),
          h(name === 'subject' ? 'input' : 'textarea', {
            name: `${name}.${locale}`,
            maxlength: String(max),
            rows: '2',
            disabled,
            value: survey?.[name]?.[locale] ?? '',
            placeholder: t('survey.builtIn'),
            oninput: onInput,
            'data-testid': `${name}-${locale}`,
          }),
        ),
      ),
    ),
  );
  const tabs = tabList({
    label: t('survey.texts'),
    selected: 'en',
    tabs: LOCALES.map((locale, i) => ({ key: locale, label: t(`locale.${locale}`), panel: panels[i] })),
  });
  return h('fieldset', { class: 'texts' }, h('legend', {}, t('survey.texts')), tabs, panels);
}

/** { en: '…' } per field, from the form's inputs; null when every language is empty. */
export function readTexts(form) {
  const out = {};
  for (const [name] of FIELDS) {
    const texts = {};
    for (const locale of LOCALES) {
      const value = form.elements[`${name}.${locale}`]?.value.trim();
      if (value) texts[locale] = value;
    }
    out[name] = Object.keys(texts).length ? texts : null;
  }
  return out;
}

/** A sandboxed iframe (no scripts, no same-origin) showing what the recipient gets. */
export function previewPane() {
  const frame = h('iframe', { class: 'preview-frame', sandbox: '', title: t('survey.preview'), 'data-testid': 'email-preview' });
  const subject = h('div', { class: 'preview-subject', 'data-testid': 'preview-subject' });
  const locale = h(
    'select',
    { 'aria-label': t('survey.previewLanguage') },
    LOCALES.map((l) => h('option', { value: l }, t(`locale.${l}`))),
  );
  const title = h('strong', {}, t('survey.preview'));
  const smsText = h('p', { class: 'sms-bubble', 'data-testid': 'sms-preview' });
  const smsCount = h('p', { class: 'sms-count', 'aria-live': 'polite', 'data-testid': 'sms-count' });
  const sms = h('div', { class: 'sms-preview', hidden: true }, smsText, smsCount);
  const pane = h('div', { class: 'preview' }, h('div', { class: 'preview-head' }, title, locale), subject, frame, sms);
  const show = (channel) => {
    mount(title, t(channel === 'sms' ? 'survey.smsPreview' : 'survey.preview'));
    sms.hidden = channel !== 'sms';
    frame.hidden = channel === 'sms';
  };
  pane.refresh = async ({ channel = 'email', ...input }) => {
    show(channel);
    try {
      if (channel === 'sms') {
        const text = await post('/api/v1/surveys/preview/sms', { metric: input.metric, locale: locale.value });
        mount(subject, '');
        mount(smsText, text.text);
        const count = { length: text.length, limit: text.limit, encoding: text.encoding };
        mount(smsCount, t(text.segments === 1 ? 'survey.smsCount' : 'survey.smsCountSplit', { ...count, segments: text.segments }));
        smsCount.classList.toggle('error-text', text.segments > 1);
        return;
      }
      const email = await post('/api/v1/surveys/preview', { ...input, locale: locale.value });
      mount(subject, t('survey.subjectLine', { subject: email.subject }));
      frame.srcdoc = email.html;
    } catch (error) {
      mount(subject, h('span', { class: 'error-text' }, error.message));
    }
  };
  pane.onLocale = (fn) => locale.addEventListener('change', fn);
  return pane;
}
