// Hash routes (#/touchpoints/ID?since=…): the server serves one page at /, and
// a link or a reload lands on the same view with the same filters.
const routes = [];
let current = null;
let handler = () => {};

/** route('/touchpoints/:id', render) */
export function route(pattern, render) {
  const names = [];
  const regex = new RegExp(`^${pattern.replace(/:(\w+)/g, (_, name) => (names.push(name), '([^/]+)'))}$`);
  routes.push({ regex, names, render });
}

export function parseHash(hash = location.hash) {
  const [path, query = ''] = hash.replace(/^#/, '').split('?');
  return { path: path || '/', query: Object.fromEntries(new URLSearchParams(query)) };
}

export function href(path, query = {}) {
  const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  const text = params.toString();
  return `#${path}${text ? `?${text}` : ''}`;
}

export function navigate(path, query = {}, { replace = false } = {}) {
  const target = href(path, query);
  if (replace) history.replaceState(null, '', target);
  else history.pushState(null, '', target);
  resolve();
}

/** Keeps the path, changes the query (filters), and re-renders. */
export function updateQuery(changes) {
  const { path, query } = parseHash();
  navigate(path, { ...query, ...changes }, { replace: true });
}

export function currentRoute() {
  return current;
}

export function onRoute(fn) {
  handler = fn;
  window.addEventListener('hashchange', resolve);
}

export function resolve() {
  const { path, query } = parseHash();
  for (const r of routes) {
    const match = r.regex.exec(path);
    if (!match) continue;
    const params = Object.fromEntries(r.names.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
    current = { path, params, query, render: r.render };
    return handler(current);
  }
  current = { path, params: {}, query, render: null };
  return handler(current);
}
