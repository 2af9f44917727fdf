// Boot: find out who is signed in, draw the frame, and render the page of the
// current hash route (each page is an async function filling its own view).
import { get, whenUnauthorized } from './api.js';
import { destroyCharts } from './charts.js';
import { h, mount } from './dom.js';
import { setLocale, t } from './i18n.js';
import { errorBox, highlightNav, renderShell } from './layout.js';
import { loginPage } from './pages/login.js';
import { navigate, onRoute, parseHash, resolve, route } from './router.js';
import { session, setSession } from './session.js';

setLocale(navigator.language);
const root = document.getElementById('app');
let content = null;

// Chart.js (about 200 KB) only for the pages that draw charts; index.html names its versioned URL.
const chartSrc = document.querySelector('script[data-chart]')?.dataset.chart ?? '/vendor/chart.umd.min.js';
let chartLoading = null;
function loadChart() {
  chartLoading ??= new Promise((resolve, reject) => {
    if (window.Chart) return resolve();
    const script = h('script', { src: chartSrc });
    script.onload = resolve;
    script.onerror = () => {
      chartLoading = null; // a later visit tries again
      reject(new Error(t('common.loadFailed')));
    };
    document.head.append(script);
  });
  return chartLoading;
}

/** A page whose module (and Chart.js, when it draws charts) loads on first visit; preload() starts that early. */
function lazy(load, name, { charts = false } = {}) {
  let loading = null;
  const preload = () =>
    (loading ??= Promise.all([load(), charts ? loadChart() : null]).then(
      ([module]) => module[name],
      (error) => {
        loading = null;
        throw error;
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
route('/journeys/:id', lazy(mapPage, 'journeyMap', { charts: true }));
route(
  '/touchpoints/:id',
  lazy(() => import('./pages/touchpoint.js'), 'touchpointPage', { charts: true }),
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
  '/settings/users',
  lazy(() => import('./pages/users.js'), 'usersPage'),
);

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
