import type { FastifyReply, FastifyRequest } from 'fastify';
import { resolveLocale } from '@cairn/i18n';
import type { RenderedPage } from '@cairn/public';

export function sendPage(reply: FastifyReply, status: number, page: RenderedPage): void {
  void reply.status(status).headers(page.headers).send(page.html);
}

/** JSON callers (the page's own script, integrations) get JSON; browsers posting the form get pages. */
export function wantsJson(request: FastifyRequest): boolean {
  const type = String(request.headers['content-type'] ?? '');
  const accept = String(request.headers.accept ?? '');
  return type.startsWith('application/json') || (accept.includes('application/json') && !accept.includes('text/html'));
}

/**
 * The language of pages shown before a token is trusted: from the browser,
 * never from the token, so an unknown and an expired link look the same.
 */
export function browserLocale(request: FastifyRequest): string {
  return resolveLocale(String(request.headers['accept-language'] ?? '').split(',')[0]);
}
