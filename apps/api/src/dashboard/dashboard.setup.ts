import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { dirname, join } from 'node:path';
import { findWebRoot } from '@cairn/common';

export { findWebRoot };

// The page talks only to its own origin; the email preview iframe is sandboxed srcdoc (inherits this policy).
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function securityHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .header('cache-control', 'no-cache');
}

/**
 * The dashboard: a single page of plain ES modules (no build step) under /assets,
 * and Chart.js's self-contained UMD file from node_modules.
 * Registered before app.init() so the plugins are in place when routes are built.
 */
export async function registerDashboard(app: NestFastifyApplication): Promise<void> {
  const webRoot = findWebRoot();
  const chartDir = dirname(require.resolve('chart.js')); // dist/chart.cjs: its folder also holds the UMD build
  await app.register(fastifyStatic, {
    root: join(webRoot, 'assets'),
    prefix: '/assets/',
    index: false,
    cacheControl: false,
    setHeaders: (reply) => {
      reply.header('x-content-type-options', 'nosniff').header('cache-control', 'no-cache');
    },
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/vendor/chart.umd.min.js', (_request, reply) =>
    securityHeaders(reply).sendFile('chart.umd.min.js', chartDir, { cacheControl: false }),
  );
  fastify.get('/', (_request, reply) => securityHeaders(reply).sendFile('index.html', webRoot, { cacheControl: false }));
  // Case emails link to /cases/<id>; the page is the hash route, which the sign-in form keeps and a reload reopens.
  fastify.get<{ Params: { id: string } }>('/cases/:id', (request, reply) => {
    if (!UUID.test(request.params.id)) return reply.callNotFound();
    return securityHeaders(reply).redirect(`/#/cases/${request.params.id}`, 302);
  });
}
