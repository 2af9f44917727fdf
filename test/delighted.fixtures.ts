import { sparePort } from './utils/spare-port';
import { startTestApi, TestContext } from './utils/test-app';

export type Obj = Record<string, any>;
interface Resource {
  create(data: Obj): PromiseLike<Obj>;
  all(params?: Obj): PromiseLike<Obj[]>;
  retrieve(id?: unknown, params?: Obj): PromiseLike<Obj>;
  delete(id: Obj): PromiseLike<Obj>;
  list(params?: Obj): { autoPagingEach(each: (item: Obj) => unknown, opts?: Obj): PromiseLike<void> };
}
export interface DelightedClient {
  person: Resource;
  surveyResponse: Resource;
  metrics: Resource;
  unsubscribe: Resource;
  bounce: Resource;
  surveyRequest: { deletePending(params: { person_email: string }): PromiseLike<Obj> };
}
// The official client, unchanged; only its host, port, scheme and base point at Cairn.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const createClient = require('delighted') as (key: string, options: Obj) => DelightedClient;

export const BASE = '/compat/delighted/v1';
/** The client returns its resource objects; compare what they hold. */
export const plain = (value: unknown) => JSON.parse(JSON.stringify(value));
export const nowUnix = () => Math.floor(Date.now() / 1000);
/** A row named by the numeric id Delighted's API shows (its compat id), for Prisma's where. */
export const byCompat = (id: string | number) => ({ compatId: BigInt(id) });

/** The same client; its rejections (plain objects) become Errors so a failing test says what the server answered. */
export function delighted(key: string, port: number): DelightedClient {
  const client = createClient(key, { host: '127.0.0.1', port, base: BASE, scheme: 'http' }) as unknown as Record<
    string,
    Record<string, unknown>
  >;
  const asError = (e: { type?: string; message?: string; retryAfter?: number }) =>
    Object.assign(new Error(`${e.type}: ${e.message}`), { type: e.type, body: e.message, retryAfter: e.retryAfter });
  for (const resource of Object.values(client)) {
    for (const name of ['create', 'all', 'retrieve', 'delete', 'deletePending']) {
      const method = resource[name] as ((...args: unknown[]) => PromiseLike<unknown>) | undefined;
      if (typeof method !== 'function') continue;
      resource[name] = (...args: unknown[]) => Promise.resolve(method.apply(resource, args)).catch((e) => Promise.reject(asError(e)));
    }
  }
  return client as unknown as DelightedClient;
}

/** What a call that must fail answered: the client's error type, the body, Retry-After. */
export async function failure(p: PromiseLike<unknown>) {
  try {
    await p;
  } catch (error) {
    const e = error as { type: string; body?: string; message: string; retryAfter?: number };
    return { type: e.type, message: e.body ?? e.message, retryAfter: e.retryAfter };
  }
  throw new Error('expected the call to fail');
}

/** The real API listening on a port, as Delighted's client needs a host and port. */
export async function startDelightedApi(
  overrides: Parameters<typeof startTestApi>[0] = {},
): Promise<{ ctx: TestContext; port: number; client: DelightedClient }> {
  // Link headers are built from PUBLIC_BASE_URL, so the API listens where that says.
  const port = await sparePort();
  const ctx = await startTestApi({ ...overrides, publicBaseUrl: `http://127.0.0.1:${port}` });
  await ctx.app.listen(port, '127.0.0.1');
  return { ctx, port, client: delighted(ctx.apiKey, port) };
}
