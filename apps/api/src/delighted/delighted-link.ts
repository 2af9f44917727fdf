import type { FastifyRequest } from 'fastify';

/**
 * Absolute URL of the next page for a `Link: <…>; rel="next"` header: PUBLIC_BASE_URL, the request's path (so
 * `/v1/…` pages stay on `/v1/…`), its query with the cursor replaced. Delighted's clients follow it as given, host
 * included; built from the request's protocol and Host it pointed behind a TLS proxy at http:// and the inner host.
 */
export function nextPageLink(publicBaseUrl: string, request: FastifyRequest, cursor: string): string {
  // The path the client asked for: /v1/… is rewritten to the compat prefix before routing (rewriteDelightedUrl).
  const path = (request.raw as { delightedPath?: string }).delightedPath ?? request.url.split('?')[0];
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    if (key === 'page_info' || value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  params.set('page_info', cursor);
  return `<${publicBaseUrl.replace(/\/$/, '')}${path}?${params.toString()}>; rel="next"`;
}
