// Settings › Users (admins): create, change role, disable, delete.
import { del, get, patch, post } from '../api.js';
import { field, submitting, table } from '../components/forms.js';
import { formValues, h, mount } from '../dom.js';
import { formatDate, t } from '../i18n.js';
import { pageHeader } from '../layout.js';
import { resolve } from '../router.js';
import { session } from '../session.js';

const ROLES = ['admin', 'manager', 'viewer'];

export async function usersPage(view) {
  const { data } = await get('/api/v1/users');
  const errors = h('div');
  const rowErrors = h('div');
  const change = (id, body) =>
    patch(`/api/v1/users/${id}`, body).then(resolve, (error) =>
      mount(rowErrors, h('div', { class: 'alert alert-error', role: 'alert' }, error.message)),
    );
  const form = h(
    'form',
    { class: 'card', 'data-testid': 'user-form', onsubmit: (e) => (e.preventDefault(), submitting(form, errors, create)) },
    h('h2', { class: 'card-title' }, t('users.new')),
    h(
      'div',
      { class: 'grid-2' },
      field(t('users.email'), h('input', { name: 'email', type: 'email', required: true, 'data-testid': 'user-email' })),
      field(t('users.name'), h('input', { name: 'name', maxlength: '120' })),
      field(
        t('users.role'),
        h(
          'select',
          { name: 'role', 'data-testid': 'user-role-select' },
          ROLES.map((r) => h('option', { value: r, selected: r === 'viewer' }, t(`role.${r}`))),
        ),
      ),
      field(
        t('users.password'),
        h('input', {
          name: 'password',
          type: 'password',
          minlength: '8',
          required: true,
          autocomplete: 'new-password',
          'data-testid': 'user-password',
        }),
        t('users.passwordHint'),
      ),
    ),
    errors,
    h(
      'div',
      { class: 'form-actions' },
      h('button', { class: 'btn btn-primary', type: 'submit', 'data-testid': 'create-user' }, t('users.create')),
    ),
  );
  async function create() {
    const v = formValues(form);
    await post('/api/v1/users', { email: v.email, name: v.name || undefined, role: v.role, password: v.password });
    resolve();
  }
  const rows = data.map((u) =>
    h(
      'tr',
      { 'data-testid': 'user', dataset: { userId: u.id } },
      h('td', {}, u.name ?? '–'),
      h('td', {}, u.email),
      h(
        'td',
        {},
        h(
          'select',
          { 'aria-label': t('users.role'), onchange: (e) => change(u.id, { role: e.target.value }) },
          ROLES.map((r) => h('option', { value: r, selected: r === u.role }, t(`role.${r}`))),
        ),
      ),
      h('td', {}, u.enabled ? t('users.active') : h('span', { class: 'status status-failed' }, t('users.disabled'))),
      h('td', {}, formatDate(u.createdAt)),
      h(
        'td',
        {},
        u.id !== session.user.id && [
          h(
            'button',
            { class: 'btn btn-ghost', onclick: () => change(u.id, { enabled: !u.enabled }) },
            u.enabled ? t('users.disable') : t('users.enable'),
          ),
          h(
            'button',
            {
              class: 'btn btn-danger',
              onclick: async () => confirm(t('users.confirmDelete')) && (await del(`/api/v1/users/${u.id}`), resolve()),
            },
            t('common.delete'),
          ),
        ],
      ),
    ),
  );
  mount(
    view,
    pageHeader(t('nav.users')),
    h('p', { class: 'hint' }, t('users.intro')),
    rowErrors,
    h(
      'div',
      { class: 'card' },
      table([t('users.name'), t('users.email'), t('users.role'), t('users.status'), t('users.created'), ''], rows, 'users'),
    ),
    form,
  );
}
