// Settings › Widget (admins): the publishable key (shown, copied, rotated), the
// origins allowed to answer, the identity secret, and the snippet to paste
// into a page with a live preview of what visitors will see.
import { del, get, patch, post } from '../api.js';
import { field, secretOnce, submitting } from '../components/forms.js';
import { runPreview, snippetText } from '../components/widget-snippet.js';
import { formValues, h, mount } from '../dom.js';
import { formatDate, t } from '../i18n.js';
import { emptyState, pageHeader } from '../layout.js';
import { can } from '../session.js';

export async function widgetSettingsPage(view, _params, _query, shownSecret = null) {
  if (!can('admin')) return mount(view, pageHeader(t('nav.widget')), emptyState(t('common.adminOnly')));
  const [settings, touchpoints, surveys] = await Promise.all([
    get('/api/v1/widget/settings'),
    get('/api/v1/touchpoints'),
    get('/api/v1/surveys'),
  ]);
  const rerender = (secret = null) => widgetSettingsPage(view, _params, _query, secret);
  // Only touchpoints with an active survey show anything on a page.
  const asked = new Set(surveys.data.filter((s) => s.active && s.touchpointId).map((s) => s.touchpointId));
  const usable = touchpoints.data.filter((tp) => asked.has(tp.id));

  const copied = h('span', { class: 'subtle', role: 'status', 'data-testid': 'copy-status' });
  const copy = async (text) => {
    await navigator.clipboard.writeText(text);
    copied.textContent = t('widget.copied');
  };

  const keyCard = h(
    'section',
    { class: 'card' },
    h('h2', { class: 'card-title' }, t('widget.key')),
    h('p', { class: 'card-sub' }, t('widget.keyHint')),
    h(
      'div',
      { class: 'inline-form' },
      h('code', { class: 'secret', 'data-testid': 'publishable-key' }, settings.publishableKey),
      h('button', { class: 'btn btn-ghost', type: 'button', onclick: () => copy(settings.publishableKey) }, t('secret.copy')),
      h(
        'button',
        {
          class: 'btn btn-danger',
          type: 'button',
          'data-testid': 'rotate-key',
          onclick: async () => confirm(t('widget.confirmRotate')) && (await post('/api/v1/widget/publishable-key'), rerender()),
        },
        t('widget.rotate'),
      ),
    ),
  );

  const originErrors = h('div');
  const originsForm = h(
    'form',
    {
      class: 'card',
      'data-testid': 'origins-form',
      onsubmit: (e) => (e.preventDefault(), submitting(originsForm, originErrors, saveOrigins)),
    },
    h('h2', { class: 'card-title' }, t('widget.origins')),
    field(
      t('widget.originsLabel'),
      h(
        'textarea',
        { name: 'origins', rows: '4', 'data-testid': 'allowed-origins', placeholder: 'https://shop.example.com' },
        settings.allowedOrigins.join('\n'),
      ),
      t('widget.originsHint'),
    ),
    h(
      'div',
      { class: 'form-actions' },
      h('button', { class: 'btn btn-primary', type: 'submit', 'data-testid': 'save-origins' }, t('common.save')),
    ),
    originErrors,
  );
  async function saveOrigins() {
    const allowedOrigins = formValues(originsForm)
      .origins.split('\n')
      .map((x) => x.trim())
      .filter(Boolean);
    const saved = await patch('/api/v1/widget/settings', { allowedOrigins });
    originsForm.querySelector('textarea').value = saved.allowedOrigins.join('\n');
    originErrors.append(h('div', { class: 'alert alert-ok', role: 'status' }, t('widget.originsSaved')));
  }

  const identity = settings.identityVerification;
  const identityCard = h(
    'section',
    { class: 'card' },
    h('h2', { class: 'card-title' }, t('widget.identity')),
    h('p', { class: 'card-sub' }, t('widget.identityHint')),
    shownSecret && secretOnce(t('widget.secretCreated'), shownSecret, 'identity-secret'),
    h(
      'div',
      { class: 'inline-form' },
      h(
        'span',
        { 'data-testid': 'identity-status' },
        identity.configured
          ? t('widget.identityOn', { prefix: identity.prefix, date: formatDate(identity.createdAt) })
          : t('widget.identityOff'),
      ),
      h(
        'button',
        {
          class: 'btn',
          type: 'button',
          'data-testid': 'create-secret',
          onclick: async () => rerender((await post('/api/v1/widget/identity-secret')).secret),
        },
        identity.configured ? t('widget.rotateSecret') : t('widget.createSecret'),
      ),
      identity.configured &&
        h(
          'button',
          {
            class: 'btn btn-danger',
            type: 'button',
            onclick: async () => confirm(t('widget.confirmSecretOff')) && (await del('/api/v1/widget/identity-secret'), rerender()),
          },
          t('widget.secretOff'),
        ),
    ),
  );

  const code = h('code', { 'data-testid': 'widget-snippet' });
  const preview = h('div', { class: 'widget-preview', 'data-testid': 'widget-preview' });
  const options = h(
    'form',
    { class: 'grid-3', onchange: () => draw(), onsubmit: (e) => e.preventDefault() },
    field(
      t('widget.touchpoint'),
      h(
        'select',
        { name: 'touchpoint', 'data-testid': 'snippet-touchpoint' },
        usable.map((tp) => h('option', { value: tp.key }, `${tp.name} (${tp.key})`)),
      ),
    ),
    field(
      t('widget.locale'),
      h(
        'select',
        { name: 'locale', 'data-testid': 'snippet-locale' },
        h('option', { value: '' }, t('widget.visitorLocale')),
        ['en', 'sv', 'da'].map((l) => h('option', { value: l }, t(`locale.${l}`))),
      ),
    ),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'signed', 'data-testid': 'snippet-signed' }), t('widget.signed')),
  );
  function draw() {
    const v = formValues(options);
    const choice = { ...settings, touchpointKey: v.touchpoint, locale: v.locale, signed: v.signed };
    code.textContent = snippetText(choice);
    runPreview(preview, choice);
  }
  const snippetCard = h(
    'section',
    { class: 'card' },
    h('h2', { class: 'card-title' }, t('widget.snippet')),
    usable.length
      ? [
          h('p', { class: 'card-sub' }, t('widget.snippetHint')),
          options,
          // Scrolls sideways on a phone: focusable, so a keyboard can scroll it too (WCAG 2.1.1).
          h('pre', { class: 'snippet', tabindex: '0', 'aria-label': t('widget.snippet') }, code),
          h(
            'div',
            { class: 'inline-form' },
            h(
              'button',
              { class: 'btn', type: 'button', 'data-testid': 'copy-snippet', onclick: () => copy(code.textContent) },
              t('widget.copySnippet'),
            ),
            copied,
          ),
          h('h3', { class: 'card-title' }, t('widget.preview')),
          h('p', { class: 'card-sub' }, t('widget.previewHint')),
          preview,
        ]
      : emptyState(t('widget.noSurveys')),
  );

  mount(view, pageHeader(t('nav.widget')), h('p', { class: 'hint' }, t('widget.intro')), keyCard, originsForm, snippetCard, identityCard);
  if (usable.length) draw();
}
