// Boot: find out who is signed in, draw the frame, and render the page of the
// current hash route (each page is an async function filling its own view).
import { get, whenUnauthorized } from './api.js';
import { destroyCharts } from './charts.js';
import { h, mount } from './dom.js';
import { setLocale, t } from './i18n.js';
import { errorBox, highlightNav, renderShell } from './layout.js';
import { alertRulesPage } from './pages/alert-rules.js';
import { apiKeysPage } from './pages/api-keys.js';
import { casePage } from './pages/case.js';
import { casesPage } from './pages/cases.js';
import { journeyEditor, newJourneyPage } from './pages/journey-editor.js';
import { journeyMap, journeysIndex } from './pages/journey-map.js';
import { loginPage } from './pages/login.js';
import { surveysPage } from './pages/surveys.js';
import { touchpointPage } from './pages/touchpoint.js';
import { usersPage } from './pages/users.js';
import { webhooksPage } from './pages/webhooks.js';
import { widgetSettingsPage } from './pages/widget-settings.js';
import { navigate, onRoute, parseHash, resolve, route } from './router.js';
import { session, setSession } from './session.js';

setLocale(navigator.language);
const root = document.getElementById('app');
let content = null;

route('/journeys', journeysIndex);
// Before /journeys/:id, which would take "new" for an id.
route('/journeys/new', newJourneyPage);
route('/journeys/:id/edit', journeyEditor);
route('/journeys/:id', journeyMap);
route('/touchpoints/:id', touchpointPage);
route('/cases', casesPage);
route('/cases/:id', casePage);
route('/settings/surveys', surveysPage);
route('/settings/alert-rules', alertRulesPage);
route('/settings/webhooks', webhooksPage);
route('/settings/api-keys', apiKeysPage);
route('/settings/widget', widgetSettingsPage);
route('/settings/users', usersPage);

function showLogin() {
  content = null;
  destroyCharts();
  const next = parseHash().path === '/login' ? '/journeys' : location.hash.slice(1);
  loginPage(root, () => navigate(next.split('?')[0] || '/journeys', parseHash(`#${next}`).query, { replace: true }));
}

whenUnauthorized(() => {
  setSession(null);
  showLogin();
});

onRoute(async (current) => {
  destroyCharts();
  if (!session.user) {
    try {
      setSession(await get('/api/v1/auth/session'));
    } catch {
      return showLogin();
    }
  }
  if (!current.render) return navigate('/journeys', {}, { replace: true });
  content ??= renderShell(root, () => {
    content = null;
    navigate('/login', {}, { replace: true });
  });
  highlightNav(current.path);
  // A fresh view per render: a slow page that finishes late writes into a detached element, not over the next page.
  const view = h('div', { class: 'view', 'aria-busy': 'true' }, h('div', { class: 'loading' }, t('common.loading')));
  mount(content, view);
  try {
    await current.render(view, current.params, current.query);
  } catch (error) {
    if (error.status !== 401) mount(view, errorBox(error));
  } finally {
    view.removeAttribute('aria-busy');
    view.dataset.ready = 'true';
  }
});

resolve();
