// The dashboard calls the same /api/v1 endpoints as any integration, with its
// session cookie (sent automatically, same origin) and the CSRF header.
import { t } from './i18n.js';
import { session } from './session.js';

/** An answer the page can show as it is: the API's own message, or a sentence saying what went wrong (never "Failed to fetch"). */
export class ApiError extends Error {
  constructor(status, body) {
    const message = Array.isArray(body?.message) ? body.message.join('; ') : body?.message;
    super(message || (status === 0 ? t('common.offline') : t('common.serverError', { status })));
    this.status = status;
    this.body = body;
  }
}

let onUnauthorized = () => {};
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

export function withQuery(path, query = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    for (const one of Array.isArray(value) ? value : [value]) params.append(key, String(one));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export async function api(method, path, body) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && session.csrf) headers['x-csrf-token'] = session.csrf;
  let res;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    // The browser's TypeError says "Failed to fetch" (or "NetworkError…", "Load failed"): no server answer at all.
    throw new ApiError(0, null);
  }
  if (res.status === 204) return null;
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    if (res.status === 401 && !path.startsWith('/api/v1/auth/')) onUnauthorized();
    throw new ApiError(res.status, data);
  }
  return data;
}

export const get = (path, query) => api('GET', withQuery(path, query));
export const post = (path, body = {}) => api('POST', path, body);
export const patch = (path, body) => api('PATCH', path, body);
export const del = (path) => api('DELETE', path);
