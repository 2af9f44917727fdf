// Sign in with email and password; the server answers with an HTTP-only
// session cookie and the CSRF token this page keeps in memory.
import { post } from '../api.js';
import { formValues, h, mount } from '../dom.js';
import { t } from '../i18n.js';
import { setSession } from '../session.js';

export function loginPage(root, onSignedIn) {
  // The error itself is role=alert: that is what gets announced, and only when it appears.
  const error = h('div');
  const form = h(
    'form',
    { class: 'login-card', 'data-testid': 'login-form', onsubmit: (e) => (e.preventDefault(), submit()) },
    h('div', { class: 'brand brand-large' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '▲'), 'Cairn'),
    h('p', { class: 'subtle' }, t('login.tagline')),
    h(
      'label',
      { class: 'field' },
      h('span', {}, t('login.email')),
      h('input', { name: 'email', type: 'email', autocomplete: 'username', required: true, autofocus: true, 'data-testid': 'login-email' }),
    ),
    h(
      'label',
      { class: 'field' },
      h('span', {}, t('login.password')),
      h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, 'data-testid': 'login-password' }),
    ),
    error,
    h('button', { class: 'btn btn-primary btn-block', type: 'submit', 'data-testid': 'login-submit' }, t('login.submit')),
  );
  async function submit() {
    const button = form.querySelector('button');
    button.disabled = true;
    error.replaceChildren();
    try {
      const { email, password } = formValues(form);
      setSession(await post('/api/v1/auth/login', { email, password }));
      onSignedIn();
    } catch (e) {
      error.append(h('div', { class: 'alert alert-error', role: 'alert' }, e.status === 401 ? t('login.wrong') : e.message));
    } finally {
      button.disabled = false;
    }
  }
  mount(root, h('div', { class: 'login' }, form));
}
