import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, posix, relative } from 'node:path';
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

const IMMUTABLE = 'public, max-age=31536000, immutable';
const VERSIONED = /^\/(assets\/v|vendor)\/[^/]+\/./;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

// What a module imports statically ("import … from './x.js'", "import './x.js'"); import() calls are left out on purpose.
const STATIC_IMPORT = /(?:\bfrom\s*|^\s*import\s*)'(\.{1,2}\/[^']+)'/gm;

/**
 * The modules `entries` (paths under assets/) import, directly or not. index.html names them as modulepreload
 * links so the browser fetches them side by side instead of one import depth after another.
 */
export function moduleClosure(assets: string, entries: string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, spec] of readFileSync(join(assets, file), 'utf8').matchAll(STATIC_IMPORT)) {
      visit(posix.normalize(posix.join(posix.dirname(file), spec)));
    }
  };
  entries.forEach(visit);
  return [...seen];
}

/**
 * index.html with its asset URLs under a version taken from the content of every asset (no build step, so one version
 * for the whole tree: the relative imports between modules stay inside it). Versioned URLs are cached for a year; the
 * page itself is revalidated by its ETag, so a deploy, or an edited file in development, is picked up on the next load.
 * The content is hashed again only when a file's size or mtime changed.
 */
class VersionedPage {
  private statKey = '';
  private page = { html: '', etag: '' };

  constructor(
    private readonly webRoot: string,
    private readonly chartFile: string,
  ) {}

  current(): { html: string; etag: string } {
    const files = [join(this.webRoot, 'index.html'), this.chartFile, ...filesUnder(join(this.webRoot, 'assets')).sort()];
    const stats = files.map((file) => {
      const stat = statSync(file);
      return `${file}:${stat.size}:${stat.mtimeMs}`;
    });
    const statKey = stats.join('\n');
    if (statKey !== this.statKey) {
      const hash = createHash('sha256');
      for (const file of files) hash.update(relative(this.webRoot, file)).update(readFileSync(file));
      const version = hash.digest('hex').slice(0, 12);
      // main.js and the journey map: the page most visits land on (#/journeys opens it), whose code main.js loads lazily.
      const preload = moduleClosure(join(this.webRoot, 'assets'), ['js/main.js', 'js/pages/journey-map.js'])
        .filter((file) => file !== 'js/main.js')
        .map((file) => `    <link rel="modulepreload" href="/assets/${file}" />\n`)
        .join('');
      // Asked for while the modules load rather than after them: who is signed in (main.js's fetch takes this answer
      // over: same URL, same-origin credentials), and Chart.js, which the map draws its curve with.
      const early =
        '    <link rel="preload" href="/api/v1/auth/session" as="fetch" crossorigin="anonymous" />\n' +
        `    <link rel="preload" href="/vendor/${basename(this.chartFile)}" as="script" />\n`;
      const html = readFileSync(files[0], 'utf8')
        .replace('  </head>', `${early}${preload}  </head>`)
        .replaceAll('"/assets/', `"/assets/v/${version}/`)
        .replaceAll('"/vendor/', `"/vendor/${version}/`);
      this.page = { html, etag: `"${version}"` };
      this.statKey = statKey;
    }
    return this.page;
  }
}

/**
 * The dashboard: a single page of plain ES modules (no build step) under /assets,
 * and Chart.js's self-contained UMD file from node_modules.
 * Registered before app.init() so the plugins are in place when routes are built.
 */
export async function registerDashboard(app: NestFastifyApplication): Promise<void> {
  const webRoot = findWebRoot();
  const chartDir = dirname(require.resolve('chart.js')); // dist/chart.cjs: its folder also holds the UMD build
  const assets = join(webRoot, 'assets');
  const page = new VersionedPage(webRoot, join(chartDir, 'chart.umd.min.js'));
  await app.register(fastifyStatic, {
    root: assets,
    prefix: '/assets/',
    index: false,
    cacheControl: false,
    // Unversioned URLs (anything outside index.html's own) are revalidated by ETag; the versioned route below caches.
    setHeaders: (reply: FastifyReply) => {
      const versioned = VERSIONED.test(reply.request.url);
      reply.header('x-content-type-options', 'nosniff').header('cache-control', versioned ? IMMUTABLE : 'no-cache');
    },
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/vendor/chart.umd.min.js', (_request, reply) =>
    securityHeaders(reply).sendFile('chart.umd.min.js', chartDir, { cacheControl: false }),
  );
  // The versioned URLs of index.html. Any version is served the current file: the version only makes the URL new
  // when the content changes, so a year of caching never serves stale code.
  fastify.get<{ Params: { version: string; '*': string } }>('/assets/v/:version/*', (request, reply) =>
    reply.sendFile(request.params['*'], assets, { cacheControl: false }),
  );
  fastify.get('/vendor/:version/chart.umd.min.js', (_request, reply) =>
    securityHeaders(reply).sendFile('chart.umd.min.js', chartDir, { cacheControl: false }),
  );
  // Browsers ask for /favicon.ico on pages that name no icon (the survey pages, the API's JSON); the SVG serves them too.
  fastify.get('/favicon.ico', (_request, reply) => reply.type('image/svg+xml').sendFile('favicon.svg', assets));
  fastify.get('/', (request, reply) => {
    const { html, etag } = page.current();
    securityHeaders(reply).header('etag', etag).type('text/html; charset=utf-8');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.send(html);
  });
  // Case emails link to /cases/<id>; the page is the hash route, which the sign-in form keeps and a reload reopens.
  fastify.get<{ Params: { id: string } }>('/cases/:id', (request, reply) => {
    if (!UUID.test(request.params.id)) return reply.callNotFound();
    return securityHeaders(reply).redirect(`/#/cases/${request.params.id}`, 302);
  });
}
