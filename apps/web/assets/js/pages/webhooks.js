// Settings › Webhooks: endpoints, their signing secret (shown once), on/off,
// a test event on demand, and the delivery log with retry.
import { del, get, patch, post } from '../api.js';
import { deliveryLog } from '../components/deliveries.js';
import { field, secretOnce, submitting } from '../components/forms.js';
import { formValues, h, mount } from '../dom.js';
import { formatDate, t } from '../i18n.js';
import { emptyState, pageHeader } from '../layout.js';
import { resolve } from '../router.js';
import { can } from '../session.js';

// Body shapes an endpoint can take: Cairn's, Delighted's, or a readable message for a Slack or Teams channel.
const FORMATS = ['standard', 'slack', 'teams', 'delighted'];

/** `created`: the endpoint just made, whose secret is shown this once. */
export async function webhooksPage(view, _params, _query, created = null) {
  // The subscribable events come from the API, which validates them: no copy here to drift.
  const [{ data }, { data: events }] = await Promise.all([get('/api/v1/webhooks'), get('/api/v1/webhooks/events')]);
  const admin = can('admin');
  const errors = h('div');
  const form = h(
    'form',
    { class: 'card', 'data-testid': 'webhook-form', onsubmit: (e) => (e.preventDefault(), submitting(form, errors, create)) },
    h('h2', { class: 'card-title' }, t('wh.new')),
    field(
      t('wh.url'),
      h('input', {
        name: 'url',
        type: 'url',
        required: true,
        placeholder: 'https://example.com/hooks/cairn',
        'data-testid': 'webhook-url',
      }),
    ),
    field(t('wh.description'), h('input', { name: 'description', maxlength: '500' })),
    field(
      t('wh.format'),
      h(
        'select',
        { name: 'format', 'data-testid': 'webhook-format' },
        FORMATS.map((format) => h('option', { value: format }, t(`wh.format.${format}`))),
      ),
    ),
    h(
      'fieldset',
      { class: 'checks' },
      h('legend', {}, t('wh.events')),
      events.map((ev) =>
        h(
          'label',
          { class: 'check' },
          h('input', { type: 'checkbox', name: 'events', value: ev, checked: ev === 'response.detractor' }),
          h('code', {}, ev),
        ),
      ),
    ),
    errors,
    h(
      'div',
      { class: 'form-actions' },
      h('button', { class: 'btn btn-primary', type: 'submit', 'data-testid': 'create-webhook' }, t('wh.create')),
    ),
  );
  async function create() {
    const v = formValues(form);
    const hook = await post('/api/v1/webhooks', {
      url: v.url,
      events: v.events,
      description: v.description || undefined,
      format: v.format,
    });
    await webhooksPage(view, {}, {}, hook);
  }
  mount(
    view,
    pageHeader(t('nav.webhooks')),
    h('p', { class: 'hint' }, t('wh.intro')),
    created && secretOnce(t('wh.secretTitle'), created.secret, 'webhook-secret'),
    admin ? form : h('div', { class: 'alert' }, t('common.adminOnly')),
    data.length ? data.map((w) => webhookCard(w, admin)) : emptyState(t('wh.none')),
  );
}

function webhookCard(w, admin) {
  const log = h('div');
  const sent = h('p', { class: 'hint', role: 'status', 'data-testid': 'test-status' });
  let open = false;
  const sendTest = async (e) => {
    const button = e.currentTarget;
    button.disabled = true;
    try {
      const delivery = await post(`/api/v1/webhooks/${w.id}/test`);
      sent.textContent = t('wh.testSent');
      open = true;
      mount(log, deliveryLog(w.id, { watch: delivery.id }));
    } catch (error) {
      sent.textContent = error.message;
    } finally {
      button.disabled = false;
    }
  };
  return h(
    'section',
    { class: 'card webhook', 'data-testid': 'webhook', dataset: { webhookId: w.id } },
    h(
      'div',
      { class: 'card-head' },
      h(
        'div',
        {},
        h('code', { class: 'url' }, w.url),
        h('div', { class: 'subtle' }, w.description ?? '', ' ', t('wh.since', { when: formatDate(w.createdAt) })),
      ),
      h(
        'div',
        { class: 'card-tools' },
        h('span', { class: `status ${w.enabled ? 'status-resolved' : 'status-failed'}` }, w.enabled ? t('wh.enabled') : t('wh.disabled')),
        admin &&
          h(
            'button',
            {
              class: 'btn btn-ghost',
              'data-testid': 'toggle-webhook',
              onclick: async () => (await patch(`/api/v1/webhooks/${w.id}`, { enabled: !w.enabled }), resolve()),
            },
            w.enabled ? t('wh.disable') : t('wh.enable'),
          ),
        admin &&
          h(
            'button',
            {
              class: 'btn btn-danger',
              onclick: async () => confirm(t('wh.confirmDelete')) && (await del(`/api/v1/webhooks/${w.id}`), resolve()),
            },
            t('common.delete'),
          ),
      ),
    ),
    w.disabledReason && h('div', { class: 'alert alert-error' }, w.disabledReason),
    h(
      'div',
      { class: 'tags' },
      w.format !== 'standard' && h('span', { class: 'tag', 'data-testid': 'webhook-format-tag' }, t(`wh.format.${w.format}`)),
      w.events.map((ev) => h('code', { class: 'tag' }, ev)),
    ),
    h(
      'button',
      {
        class: 'btn btn-ghost',
        'data-testid': 'show-deliveries',
        onclick: () => ((open = !open), mount(log, open ? deliveryLog(w.id) : null)),
      },
      t('wh.deliveries'),
    ),
    w.enabled && can('manager') && h('button', { class: 'btn btn-ghost', 'data-testid': 'send-test', onclick: sendTest }, t('wh.sendTest')),
    sent,
    log,
  );
}
