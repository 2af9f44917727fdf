// Boot: find out who is signed in, draw the frame, and render the page of the
// current hash route (each page is an async function filling its own view).
import { get, whenUnauthorized } from './api.js';
import { destroyCharts } from './charts.js';
import { h, mount } from './dom.js';
import { setLocale, t } from './i18n.js';
import { errorBox, highlightNav, renderShell } from './layout.js';
import { navigate, onRoute, parseHash, resolve, route } from './router.js';
import { session, setSession } from './session.js';

setLocale(navigator.language);
const root = document.getElementById('app');
let content = null;
// Above every page: the banner that says survey emails are paused (filled after the page is drawn).
const bannerSlot = h('div', { 'data-testid': 'shell-banner' });

/** A page whose module loads on first visit; preload() starts that early. Pages that draw charts load Chart.js themselves. */
function lazy(load, name) {
  let loading = null;
  const preload = () =>
    (loading ??= load().then(
      (module) => module[name],
      () => {
        loading = null; // the next visit tries again
        throw new Error(t('common.loadFailed')); // the browser's own words name a module URL
      },
    ));
  const render = async (...args) => (await preload())(...args);
  render.preload = preload;
  return render;
}

const mapPage = () => import('./pages/journey-map.js');
const editorPage = () => import('./pages/journey-editor.js');
route('/journeys', lazy(mapPage, 'journeysIndex'));
// Before /journeys/:id, which would take "new" for an id.
route('/journeys/new', lazy(editorPage, 'newJourneyPage'));
route('/journeys/:id/edit', lazy(editorPage, 'journeyEditor'));
route(
  '/journeys/:id/drivers',
  lazy(() => import('./pages/drivers.js'), 'driversPage'),
);
route('/journeys/:id', lazy(mapPage, 'journeyMap'));
route(
  '/touchpoints/:id',
  lazy(() => import('./pages/touchpoint.js'), 'touchpointPage'),
);
route(
  '/cases',
  lazy(() => import('./pages/cases.js'), 'casesPage'),
);
route(
  '/cases/:id',
  lazy(() => import('./pages/case.js'), 'casePage'),
);
route(
  '/improvements',
  lazy(() => import('./pages/improvements.js'), 'improvementsPage'),
);
route(
  '/people/:id',
  lazy(() => import('./pages/person.js'), 'personPage'),
);
route(
  '/settings/surveys',
  lazy(() => import('./pages/surveys.js'), 'surveysPage'),
);
route(
  '/settings/alert-rules',
  lazy(() => import('./pages/alert-rules.js'), 'alertRulesPage'),
);
route(
  '/settings/webhooks',
  lazy(() => import('./pages/webhooks.js'), 'webhooksPage'),
);
route(
  '/settings/api-keys',
  lazy(() => import('./pages/api-keys.js'), 'apiKeysPage'),
);
route(
  '/settings/widget',
  lazy(() => import('./pages/widget-settings.js'), 'widgetSettingsPage'),
);
route(
  '/settings/themes',
  lazy(() => import('./pages/themes.js'), 'themesPage'),
);
route(
  '/settings/personas',
  lazy(() => import('./pages/personas.js'), 'personasPage'),
);
route(
  '/settings/deliverability',
  lazy(() => import('./pages/deliverability.js'), 'deliverabilityPage'),
);
route(
  '/settings/users',
  lazy(() => import('./pages/users.js'), 'usersPage'),
);

function showLogin() {
  content = null;
  destroyCharts();
  const next = parseHash().path === '/login' ? '/journeys' : location.hash.slice(1);
  // Loaded only when needed: a signed-in first load does without it.
  import('./pages/login.js').then(
    ({ loginPage }) => loginPage(root, () => navigate(next.split('?')[0] || '/journeys', parseHash(`#${next}`).query, { replace: true })),
    (error) => mount(root, errorBox(error)),
  );
}

whenUnauthorized(() => {
  setSession(null);
  showLogin();
});

onRoute(async (current) => {
  destroyCharts();
  // The page's code loads while the session is asked for; a failure shows when the page renders.
  current.render?.preload().catch(() => {});
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
  // It names the hash it was drawn for: until the browser handles a hash change, the view on screen is an old one.
  const view = h(
    'div',
    { class: 'view', 'aria-busy': 'true', 'data-route': location.hash },
    h('div', { class: 'loading' }, t('common.loading')),
  );
  mount(content, bannerSlot, view);
  try {
    await current.render(view, current.params, current.query);
  } catch (error) {
    if (error.status !== 401) mount(view, errorBox(error));
  } finally {
    view.removeAttribute('aria-busy');
    view.dataset.ready = 'true';
  }
  // Settings › Deliverability shows the pause itself; elsewhere the banner is read once the page is drawn.
  if (current.path === '/settings/deliverability') mount(bannerSlot);
  else import('./components/sending-paused.js').then((m) => m.refreshPausedBanner(bannerSlot)).catch(() => {});
});

resolve();
