import type { FastifyRequest } from 'fastify';

/**
 * Absolute URL of the next page for a `Link: <…>; rel="next"` header: the
 * request's own URL with its query, the cursor replaced. Delighted's clients
 * follow it as given, host included.
 */
export function nextPageLink(request: FastifyRequest, cursor: string): string {
  const path = request.url.split('?')[0];
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    if (key === 'page_info' || value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  params.set('page_info', cursor);
  return `<${request.protocol}://${request.headers.host}${path}?${params.toString()}>; rel="next"`;
}
