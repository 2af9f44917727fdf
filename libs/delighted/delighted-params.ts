// Reading Delighted's parameters: Unix-second timestamps, page sizes, and
// the Rails-style `expand[]` arrays its clients send.
import { FORBIDDEN_KEY_MESSAGE, isForbiddenKey, safeRecord } from '@cairn/common';
import { DelightedValidationError, ErrorCollector } from './delighted-errors';

export type Params = Record<string, unknown>;

const MAX_UNIX = 32_503_680_000; // year 3000

export function str(params: Params, name: string, errors: ErrorCollector, max = 255): string | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') return void errors.add(name, 'is invalid');
  const text = String(value).trim();
  if (text.length > max) return void errors.add(name, `is too long (maximum is ${max} characters)`);
  return text;
}

/** An integer given as a JSON number or as query-string text. */
export function int(params: Params, name: string, errors: ErrorCollector, min: number, max: number): number | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n)) return void errors.add(name, 'must be an integer');
  if (n < min || n > max) return void errors.add(name, `must be between ${min} and ${max}`);
  return n;
}

export function unix(params: Params, name: string, errors: ErrorCollector): Date | undefined {
  const seconds = int(params, name, errors, 0, MAX_UNIX);
  return seconds === undefined ? undefined : new Date(seconds * 1000);
}

export function bool(params: Params, name: string, errors: ErrorCollector): boolean | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (value === true || value === 'true' || value === '1' || value === 1) return true;
  if (value === false || value === 'false' || value === '0' || value === 0) return false;
  return void errors.add(name, 'must be true or false');
}

/** `expand[]=person&expand[]=notes`, `expand=person` (Node's querystring) or a JSON array. */
export function list(params: Params, name: string): string[] {
  const raw = params[`${name}[]`] ?? params[name];
  if (raw === undefined || raw === null) return [];
  return (Array.isArray(raw) ? raw : String(raw).split(',')).map((v) => String(v).trim()).filter(Boolean);
}

export function page(params: Params, errors: ErrorCollector): { perPage: number; page: number } {
  return { perPage: int(params, 'per_page', errors, 1, 100) ?? 20, page: int(params, 'page', errors, 1, 1_000_000) ?? 1 };
}

/** Unix seconds, Delighted's timestamp format. */
export function toUnix(date: Date | null | undefined): number | null {
  return date ? Math.floor(date.getTime() / 1000) : null;
}

/** Delighted's ranges include their end second; Cairn's end is exclusive. */
export function endOfSecond(date: Date | undefined): Date | undefined {
  return date && new Date(date.getTime() + 1000);
}

/** A request body as parameters; anything but a JSON object is refused as Delighted refused it. */
export function asParams(body: unknown): Params {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new DelightedValidationError({ base: ['the request body must be a JSON object'] });
  }
  return nestBrackets(body as Params);
}

/**
 * Form bodies (`curl -d 'properties[plan]=pro'`) arrive flat; Delighted read
 * `a[b]=c` as `{ a: { b: c } }`, and so does this.
 */
function nestBrackets(params: Params): Params {
  // Built without prototypes and refusing prototype keys: `__proto__[x]=1`
  // once wrote to Object.prototype here and took the whole API down.
  const out = safeRecord();
  for (const [key, value] of Object.entries(params)) {
    if (isForbiddenKey(key)) throw new DelightedValidationError({ [key.slice(0, 60)]: [FORBIDDEN_KEY_MESSAGE] });
    const match = /^([A-Za-z_]+)\[([^\]]*)\]$/.exec(key);
    if (!match || match[2] === '') {
      out[key] = value;
      continue;
    }
    const nested = (out[match[1]] ??= safeRecord()) as Params;
    if (typeof nested === 'object' && nested !== null) nested[match[2]] = value;
  }
  return out;
}

/** Where Delighted's API is served. */
export const DELIGHTED_PATH = 'compat/delighted/v1';

/**
 * `/v1/…` is Delighted's API too, for integrations that can change only the host (`https://api.delighted.com/v1/…`
 * → `https://cairn.example.com/v1/…`): the server rewrites it before routing (Fastify's rewriteUrl), so both paths
 * run the same routes, guards and limits, and /docs lists them once.
 */
export function rewriteDelightedUrl(request: { url?: string; delightedPath?: string }): string {
  const url = request.url ?? '/';
  if (url !== '/v1' && !url.startsWith('/v1/') && !url.startsWith('/v1?')) return url;
  // Remembered on the raw request: the Link header of a /v1 page points at /v1 again.
  request.delightedPath = url.split('?')[0];
  return `/${DELIGHTED_PATH}${url.slice(3)}`;
}
