// The frame around every page: navigation (sidebar on desktop, a menu on
// phones), the signed-in user and the sign-out button.
import { post } from './api.js';
import { h, mount } from './dom.js';
import { t } from './i18n.js';
import { can, session, setSession } from './session.js';

const NAV = [
  { path: '/journeys', key: 'nav.map', icon: '◔' },
  { path: '/cases', key: 'nav.cases', icon: '✉' },
  { path: '/improvements', key: 'nav.improvements', icon: '↗' },
  { section: 'nav.settings' },
  { path: '/settings/surveys', key: 'nav.surveys', icon: '✎' },
  { path: '/settings/alert-rules', key: 'nav.alertRules', icon: '⚑' },
  { path: '/settings/webhooks', key: 'nav.webhooks', icon: '⇄' },
  { path: '/settings/themes', key: 'nav.themes', icon: '❝' },
  { path: '/settings/personas', key: 'nav.personas', icon: '☻' },
  { path: '/settings/deliverability', key: 'nav.deliverability', icon: '✈' },
  { path: '/settings/api-keys', key: 'nav.apiKeys', icon: '⚷', role: 'admin' },
  { path: '/settings/widget', key: 'nav.widget', icon: '▣', role: 'admin' },
  { path: '/settings/users', key: 'nav.users', icon: '☺', role: 'admin' },
  // bull-board, served by the API app; only instance operators (OPERATOR_EMAILS) get past its 403.
  { url: '/admin/queues', key: 'nav.queues', icon: '≡', role: 'admin' },
];

/** Renders the frame into `root` (once per sign-in) and returns the element pages draw into. */
export function renderShell(root, onSignedOut) {
  const main = h('main', { id: 'content', class: 'content', tabindex: '-1' });
  const nav = h(
    'nav',
    { class: 'nav', 'aria-label': t('nav.label') },
    NAV.filter((item) => !item.role || can(item.role)).map((item) =>
      item.section
        ? h('div', { class: 'nav-section' }, t(item.section))
        : h(
            'a',
            {
              href: item.url ?? `#${item.path}`,
              // The queue board is another app (bull-board): a tab of its own keeps the dashboard where it was.
              ...(item.url ? { target: '_blank', rel: 'noopener' } : {}),
              class: 'nav-link',
              dataset: { path: item.path ?? item.url },
              onclick: () => toggleMenu(false),
            },
            h('span', { class: 'nav-icon', 'aria-hidden': 'true' }, item.icon),
            t(item.key),
          ),
    ),
  );
  const user = session.user;
  const signOut = async () => {
    await post('/api/v1/auth/logout').catch(() => undefined);
    setSession(null);
    onSignedOut();
  };
  const toggleMenu = (open) => {
    const opened = shell.classList.toggle('menu-open', open);
    shell.querySelector('.menu-button').setAttribute('aria-expanded', String(opened));
  };
  // Skips the menu; a plain #content link would change the hash route, so it moves the focus itself.
  const skip = h(
    'a',
    { class: 'skip-link', href: '#content', 'data-testid': 'skip-link', onclick: (e) => (e.preventDefault(), main.focus()) },
    t('nav.skip'),
  );
  const shell = h(
    'div',
    { class: 'shell' },
    skip,
    h(
      'header',
      { class: 'topbar' },
      h(
        'button',
        {
          class: 'menu-button',
          'aria-label': t('nav.menu'),
          'aria-expanded': 'false',
          'aria-controls': 'sidebar',
          onclick: () => toggleMenu(),
        },
        '☰',
      ),
      h('a', { class: 'brand', href: '#/journeys' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '▲'), 'Cairn'),
      h(
        'div',
        { class: 'user' },
        h('span', { class: 'user-name', 'data-testid': 'user-name' }, user.name ?? user.email),
        h('span', { class: `role role-${user.role}`, 'data-testid': 'user-role' }, t(`role.${user.role}`)),
        h('button', { class: 'btn btn-ghost', 'data-testid': 'logout', onclick: signOut }, t('nav.signOut')),
      ),
    ),
    h('aside', { class: 'sidebar', id: 'sidebar' }, nav),
    main,
  );
  mount(root, shell);
  return main;
}

/** Marks the nav link of the current page. */
export function highlightNav(path) {
  for (const link of document.querySelectorAll('.nav-link')) {
    const here = path.startsWith(link.dataset.path);
    link.classList.toggle('active', here);
    if (here) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

export function pageHeader(title, ...extra) {
  // Each view names the tab, so a screen reader (and the browser's history) tells which page this is.
  document.title = `${title} · Cairn`;
  return h('div', { class: 'page-header' }, h('h1', {}, title), h('div', { class: 'page-actions' }, extra));
}

export function errorBox(error) {
  return h('div', { class: 'alert alert-error', role: 'alert' }, error?.message ?? String(error));
}

export function emptyState(text) {
  return h('div', { class: 'empty' }, text);
}
