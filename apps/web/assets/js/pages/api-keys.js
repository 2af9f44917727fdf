// Settings › API keys (admins): list, create (the key is shown once), revoke.
import { del, get, post } from '../api.js';
import { field, secretOnce, submitting, table } from '../components/forms.js';
import { formValues, h, mount } from '../dom.js';
import { formatDate, t } from '../i18n.js';
import { pageHeader } from '../layout.js';
import { resolve } from '../router.js';

export async function apiKeysPage(view, _params, _query, created = null) {
  const { data } = await get('/api/v1/api-keys');
  const errors = h('div');
  const form = h(
    'form',
    { class: 'card inline-card', 'data-testid': 'api-key-form', onsubmit: (e) => (e.preventDefault(), submitting(form, errors, create)) },
    h('h2', { class: 'card-title' }, t('keys.new')),
    h(
      'div',
      { class: 'grid-3' },
      field(
        t('keys.name'),
        h('input', {
          name: 'name',
          required: true,
          maxlength: '100',
          placeholder: t('keys.namePlaceholder'),
          'data-testid': 'api-key-name',
        }),
      ),
      field(
        t('keys.role'),
        h(
          'select',
          { name: 'role' },
          ['admin', 'manager', 'viewer'].map((r) => h('option', { value: r }, t(`role.${r}`))),
        ),
      ),
      h(
        'div',
        { class: 'form-actions' },
        h('button', { class: 'btn btn-primary', type: 'submit', 'data-testid': 'create-api-key' }, t('keys.create')),
      ),
    ),
    errors,
  );
  async function create() {
    const v = formValues(form);
    const key = await post('/api/v1/api-keys', { name: v.name, role: v.role });
    await apiKeysPage(view, {}, {}, key);
  }
  const rows = data.map((k) =>
    h(
      'tr',
      { 'data-testid': 'api-key', dataset: { keyId: k.id } },
      h('td', {}, k.name),
      h('td', {}, h('code', {}, `${k.prefix}…`)),
      h('td', {}, t(`role.${k.role}`)),
      h('td', {}, formatDate(k.createdAt)),
      h('td', {}, k.lastUsedAt ? formatDate(k.lastUsedAt, true) : t('keys.never')),
      h(
        'td',
        {},
        h(
          'button',
          {
            class: 'btn btn-danger',
            'data-testid': 'revoke',
            onclick: async () => confirm(t('keys.confirmRevoke')) && (await del(`/api/v1/api-keys/${k.id}`), resolve()),
          },
          t('keys.revoke'),
        ),
      ),
    ),
  );
  mount(
    view,
    pageHeader(t('nav.apiKeys')),
    h('p', { class: 'hint' }, t('keys.intro')),
    created && secretOnce(t('keys.createdTitle', { name: created.name }), created.key, 'api-key-secret'),
    form,
    h(
      'div',
      { class: 'card' },
      table([t('keys.name'), t('keys.prefix'), t('keys.role'), t('keys.created'), t('keys.lastUsed'), ''], rows, 'api-keys'),
    ),
  );
}
