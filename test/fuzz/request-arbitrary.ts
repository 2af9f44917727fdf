// One whole HTTP request for one route: path parameters (a seeded object's
// id or something hostile), query string, headers (auth mode, content type,
// client address, origin…) and body, each as fast-check draws it.
import fc from 'fast-check';
import { bodyArbitrary, delightedBody } from './body-arbitrary';
import type { FuzzWorld } from './fuzz-world';
import {
  encode,
  hostileDate,
  hostileEncoded,
  hostileJson,
  hostileNumber,
  hostileRawJson,
  hostileText,
  PROTOTYPE_KEYS,
} from './hostile-values';
import { kindOfParam, OpenApiDocument, RouteSpec } from './openapi-routes';

export interface FuzzRequest {
  route: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const MAX_URL = 12_000;
// Values that pass validation, by query parameter name, so some requests get past it.
const VALUES: Record<string, string[]> = {
  since: ['2026-01-01', '2025-06-01T00:00:00Z'],
  until: ['2027-01-01'],
  tz: ['Europe/Stockholm', 'UTC'],
  limit: ['1', '20'],
  interval: ['day', 'week', 'month'],
  metric: ['nps'],
  status: ['open', 'failed', 'delivered'],
  state: ['failed', 'completed'],
};
const DELIGHTED_VALUES: Record<string, string[]> = {
  per_page: ['5', '100'],
  page: ['1', '2'],
  since: ['1700000000'],
  until: ['1900000000'],
  'expand[]': ['person', 'notes'],
  order: ['asc', 'desc'],
  updated_since: ['1700000000'],
  updated_until: ['1900000000'],
};
const text = (arb: fc.Arbitrary<unknown>) => arb.map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined')));
const hostileParam = fc.oneof(hostileEncoded, text(fc.oneof(hostileText, hostileNumber, hostileDate)).map(encode));

export function requestArbitrary(doc: OpenApiDocument, route: RouteSpec, world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  const params = route.pathParams.map((name) => {
    const valid = world.ids[kindOfParam(route, name)] ?? [];
    return valid.length
      ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...valid).map(encode) }, { weight: 2, arbitrary: hostileParam })
      : hostileParam;
  });
  return fc
    .record({
      params: fc.tuple(...params),
      query: queryArbitrary(route, world),
      headers: headersArbitrary(route, world),
      body: bodyFor(doc, route, world),
    })
    .map(({ params, query, headers, body }) => {
      let path = route.path;
      route.pathParams.forEach((name, i) => (path = path.replace(`{${name}}`, params[i])));
      const withQuery = query.length ? `${path}?${query.map(([k, v]) => `${k}=${v}`).join('&')}` : path;
      if (body === undefined) delete headers['content-type'];
      else if (body.form) headers['content-type'] = 'application/x-www-form-urlencoded';
      // Beyond Node's 16 KB header limit the HTTP server itself answers 431 before any of Cairn's code runs.
      return { route: route.key, method: route.method, path: withQuery.slice(0, MAX_URL), headers, body: body?.text };
    });
}

function queryArbitrary(route: RouteSpec, world: FuzzWorld): fc.Arbitrary<Array<[string, string]>> {
  const known = route.queryParams.map(({ name, schema }) => {
    const id = /^(\w+)Id$/.exec(name);
    const named = [
      ...((route.delighted ? DELIGHTED_VALUES : VALUES)[name] ?? []),
      ...(name.includes('email') ? world.ids.email : []),
      ...(name === 'trend' ? world.ids.touchpoint : []),
    ];
    const valid = Array.isArray(schema.enum)
      ? fc.constantFrom(...(schema.enum as string[]))
      : id && world.ids[id[1]]
        ? fc.constantFrom(...world.ids[id[1]])
        : named.length
          ? fc.constantFrom(...named)
          : fc.constantFrom('2026-01-01', '1', '50', 'Europe/Stockholm', 'day', 'nps', ...world.ids.email, ...world.ids.persona);
    const value = fc.oneof({ weight: 4, arbitrary: valid.map(encode) }, { weight: 1, arbitrary: hostileParam });
    return fc.option(
      value.map((v) => [encode(name), v] as [string, string]),
      { freq: 2 },
    );
  });
  const extraKey = fc.oneof(
    fc.constantFrom(
      'segment.plan',
      'segment.',
      'segment.%00',
      'a[b][c]',
      'limit',
      'cursor',
      ...PROTOTYPE_KEYS.map(encode),
      'segment.__proto__',
    ),
    hostileText.map((k) => `segment.${encode(k)}`),
    hostileText.map(encode),
  );
  // Mostly none, so that requests with valid parameters also reach the code behind the validation.
  const extras = fc.oneof(
    { weight: 3, arbitrary: fc.constant([] as Array<[string, string]>) },
    { weight: 2, arbitrary: fc.array(fc.tuple(extraKey, fc.oneof(hostileParam, fc.constant('pro'))), { minLength: 1, maxLength: 3 }) },
  );
  return fc.tuple(fc.tuple(...known), extras).map(([k, e]) => [...(k.filter(Boolean) as Array<[string, string]>), ...e]);
}

function headersArbitrary(route: RouteSpec, world: FuzzWorld): fc.Arbitrary<Record<string, string>> {
  const basic = (user: string) => `Basic ${Buffer.from(`${user}:`).toString('base64')}`;
  const valid = fc.constantFrom<Record<string, string>>(
    { authorization: route.delighted ? basic(world.apiKey) : `Bearer ${world.apiKey}` },
    { cookie: world.session.cookie, 'x-csrf-token': world.session.csrf, origin: world.baseUrl },
  );
  const hostile = fc.constantFrom<Record<string, string>>(
    { authorization: `Bearer ${world.apiKey}` },
    { cookie: world.session.cookie },
    {},
    { authorization: 'Bearer cairn_nope' },
    { authorization: 'Basic %%%' },
    { authorization: basic('\u00ff\u00fe') },
    { authorization: 'Bearer' },
    { cookie: 'cairn_session=%00; cairn_session=x' },
  );
  const auth = fc.oneof({ weight: 3, arbitrary: valid }, { weight: 2, arbitrary: hostile });
  const optional = (name: string, values: string[]) =>
    fc.option(
      fc.constantFrom(...values).map((v) => ({ [name]: v })),
      { freq: 3 },
    );
  return fc
    .tuple(
      auth,
      fc
        .oneof(fc.ipV4(), fc.constantFrom('not-an-ip', '::1', '1.2.3.4, 5.6.7.8', '999.1.1.1', ''))
        .map((ip) => ({ 'x-forwarded-for': ip })),
      optional('accept', ['application/json', 'text/html', '*/*', 'text/csv', 'application/xml;q=0.9, */*;q=0.1']),
      optional('origin', [world.baseUrl, 'https://evil.example', 'null', 'http://']),
      optional('accept-language', ['sv-SE,sv;q=0.9', 'xx', '*', ';;;q=x', 'a'.repeat(500)]),
      optional('x-forwarded-proto', ['https', 'gopher']),
      optional('content-type', [
        'text/plain',
        'multipart/form-data; boundary=x',
        'application/json; charset=utf-16',
        'application/xml',
        'a/b;;',
        'application/x-www-form-urlencoded',
      ]),
    )
    .map((parts) => Object.assign({ 'content-type': 'application/json' }, ...parts.filter(Boolean)));
}

function bodyFor(doc: OpenApiDocument, route: RouteSpec, world: FuzzWorld): fc.Arbitrary<{ text: string; form: boolean } | undefined> {
  const json = (arb: fc.Arbitrary<unknown>) => arb.map((v) => ({ text: JSON.stringify(v) ?? '', form: false }));
  const raw = hostileRawJson.map((t) => ({ text: t, form: false }));
  const form = fc.oneof(route.delighted ? delightedBody(world) : hostileJson).map((v) => ({ text: toForm(v), form: true }));
  const shaped = route.bodySchema
    ? json(bodyArbitrary(doc, route.bodySchema, world))
    : route.delighted
      ? json(delightedBody(world))
      : json(hostileJson);
  const hasBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
  const none = fc.constant(undefined);
  return hasBody
    ? fc.oneof(
        { weight: 8, arbitrary: shaped },
        { weight: 2, arbitrary: raw },
        { weight: 2, arbitrary: form },
        { weight: 1, arbitrary: none },
      )
    : fc.oneof({ weight: 1, arbitrary: shaped }, { weight: 1, arbitrary: raw }, { weight: 8, arbitrary: none });
}

/** Form encoding as browsers and Rails-style clients send it: `a[b]=c` for nested values. */
function toForm(value: unknown): string {
  if (typeof value !== 'object' || value === null) return `value=${encode(plain(value))}`;
  const pairs: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    if (item && typeof item === 'object') {
      for (const [inner, v] of Object.entries(item)) pairs.push(`${encode(key)}[${encode(inner)}]=${encode(plain(v))}`);
    } else pairs.push(`${encode(key)}=${encode(plain(item))}`);
  }
  return pairs.join('&');
}

const plain = (v: unknown) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));
