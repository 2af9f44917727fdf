// Issue 11.6: /docs-json is a contract a client can be generated from. The
// document validates, openapi-typescript turns it into types, a small program
// written against those types type-checks (with the project's TypeScript, in
// strict mode) and, run against the live app, gets exactly the documented shapes.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CLIENT_PROGRAM } from './openapi-client.program';
import { shapeErrors } from './utils/openapi-shape';
import { startTestApi, TestContext } from './utils/test-app';

const run = promisify(execFile);
const ROOT = join(__dirname, '..');
const bin = (path: string) => join(ROOT, 'node_modules', path);

type Operation = { responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }> };
type Param = { name: string; in: string; schema?: { format?: string } };
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Record<string, unknown>> } };

describe('OpenAPI document → generated TypeScript client', () => {
  let ctx: TestContext;
  let doc: Doc;
  // Inside the repository (untracked test-output) so the program resolves openapi-fetch and @types/node.
  let dir: string;

  beforeAll(async () => {
    ctx = await startTestApi();
    await ctx.app.listen(0, '127.0.0.1');
    doc = (await ctx.http().get('/docs-json').expect(200)).body;
    await run('mkdir', ['-p', join(ROOT, 'test-output')]);
    dir = await mkdtemp(join(ROOT, 'test-output', 'openapi-client-'));
    await writeFile(join(dir, 'openapi.json'), JSON.stringify(doc));
  }, 60_000);
  afterAll(async () => {
    await ctx?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('documents a typed success answer on every route, and every management id parameter as a UUID', () => {
    const untyped: string[] = [];
    const looseIds: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations) as Array<[string, Operation & { parameters?: Param[] }]>) {
        const route = `${method.toUpperCase()} ${path}`;
        const success = Object.entries(op.responses).filter(([status]) => /^2/.test(status));
        // 204 has no body; anything else must say what its body is.
        if (!success.length || success.some(([status, answer]) => status !== '204' && !Object.values(answer.content ?? {})[0]?.schema)) {
          untyped.push(route);
        }
        for (const param of op.parameters ?? []) {
          // Job ids are BullMQ's own; Delighted's paths keep Delighted's ids.
          if (param.in === 'path' && /(^id|Id)$/.test(param.name) && path.startsWith('/api/v1/') && !path.startsWith('/api/v1/jobs/')) {
            if (param.schema?.format !== 'uuid') looseIds.push(`${route} ${param.name}`);
          }
        }
      }
    }
    expect(untyped).toEqual([]);
    expect(looseIds).toEqual([]);
  });

  it('names every enum: each is a schema of its own that generated clients share', () => {
    // Walks the document; an `enum` is fine only as a component schema itself.
    const inline: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${at}[${i}]`));
      if (typeof node !== 'object' || node === null) return;
      const isComponent = /^components\.schemas\.[^.]+$/.test(at);
      if ('enum' in node && !isComponent) inline.push(at);
      for (const [key, value] of Object.entries(node)) walk(value, at ? `${at}.${key}` : key);
    };
    walk(doc, '');
    expect(inline).toEqual([]);
  });

  it('generates types (the generator validates the document) and a strict program type-checks and runs against the app', async () => {
    // openapi-typescript validates the document with Redocly first and exits non-zero on any error.
    await run(process.execPath, [bin('openapi-typescript/bin/cli.js'), join(dir, 'openapi.json'), '-o', join(dir, 'schema.ts')]);
    await writeFile(join(dir, 'program.mts'), CLIENT_PROGRAM);
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'nodenext',
          moduleResolution: 'nodenext',
          strict: true,
          lib: ['ES2023', 'DOM'],
          types: ['node'],
          outDir: 'out',
          rootDir: '.',
          skipLibCheck: true,
        },
        files: ['program.mts', 'schema.ts'],
      }),
    );
    const tsc = await run(process.execPath, [bin('typescript/bin/tsc'), '-p', dir]).catch((error) => error);
    expect(`${tsc.stdout ?? ''}${tsc.stderr ?? ''}`).toBe('');

    const { stdout } = await run(process.execPath, [join(dir, 'out', 'program.mjs')], {
      env: { ...process.env, CAIRN_URL: await ctx.app.getUrl(), CAIRN_KEY: ctx.apiKey },
    });
    const { summary, seen } = JSON.parse(stdout) as {
      summary: Record<string, unknown>;
      seen: Array<{ method: string; path: string; status: number; body: unknown }>;
    };
    expect(summary).toEqual({
      firstStage: 'Purchase',
      channel: 'delivery',
      metric: 'nps',
      sentAt: null,
      ci: null,
      emotion: null,
      invitationStatus: 'scheduled',
      scoreN: 0,
      mapStages: ['Purchase', 'Delivery'],
      mapTouchpoint: 'parcel-delivered',
      fetchedTouchpoints: 1,
      badStatus: 400,
      badMessage: 'id must be a UUID',
    });
    // Every answer the program got, success or error, is exactly what the document says for its status.
    const mismatches = seen.flatMap(({ method, path, status, body }) => {
      const schema = doc.paths[path]?.[method]?.responses[String(status)]?.content?.['application/json']?.schema;
      return shapeErrors(doc, schema, body, `${method.toUpperCase()} ${path} ${status}`);
    });
    expect(mismatches).toEqual([]);
    expect(seen.map((call) => call.status)).toEqual([201, 201, 201, 201, 202, 200, 200, 200, 200, 400]);
  }, 120_000);
});
