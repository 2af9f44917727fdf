// Every operation of the app's OpenAPI document (/docs-json), plus the
// routes the document leaves out on purpose (survey links, unsubscribe links,
// the widget script, metrics, the development mail catcher).

export type Schema = Record<string, any>;
export type OpenApiDocument = { paths: Record<string, Record<string, Schema>>; components?: { schemas?: Record<string, Schema> } };

export interface RouteSpec {
  /** "POST /api/v1/journeys/{id}/stages": how the report counts requests. */
  key: string;
  method: string;
  path: string;
  pathParams: string[];
  queryParams: Array<{ name: string; schema: Schema }>;
  /** The JSON schema of the body, $refs resolved lazily; null when the route declares none. */
  bodySchema: Schema | null;
  delighted: boolean;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'options', 'head'];

const EXTRA: Array<[string, string]> = [
  ['GET', '/r/{token}'],
  ['HEAD', '/r/{token}'],
  ['POST', '/r/{token}'],
  ['GET', '/u/{token}'],
  ['POST', '/u/{token}'],
  ['GET', '/t/{touchpointKey}'],
  ['POST', '/t/{touchpointKey}'],
  ['GET', '/widget.js'],
  ['GET', '/metrics'],
  ['GET', '/dev/mail'],
  ['GET', '/dev/mail/messages'],
  ['GET', '/dev/mail/{id}'],
  ['GET', '/docs-json'],
  // Served but kept out of /docs (internal to the dashboard or operations): fuzzed all the same
  // (not logout: it would end the session the fuzzer signs its dashboard requests with).
  ['POST', '/api/v1/auth/login'],
  ['GET', '/api/v1/auth/session'],
  ['GET', '/api/v1/dashboard/comments'],
  ['GET', '/api/v1/dashboard/segments'],
  ['POST', '/api/v1/surveys/preview'],
  ['GET', '/health/live'],
  ['GET', '/health/ready'],
];

// Parameters the Delighted routes read by hand, so the document cannot list them.
const DELIGHTED_QUERY = [
  'per_page',
  'page',
  'since',
  'until',
  'page_info',
  'expand[]',
  'email',
  'trend',
  'order',
  'updated_since',
  'updated_until',
  'person_id',
  'person_email',
];

export function routesOf(doc: OpenApiDocument): RouteSpec[] {
  const routes: RouteSpec[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!METHODS.includes(method)) continue;
      routes.push(route(method.toUpperCase(), path, operation));
    }
  }
  const known = new Set(routes.map((r) => r.key));
  for (const [method, path] of EXTRA) if (!known.has(`${method} ${path}`)) routes.push(route(method, path, {}));
  return routes;
}

function route(method: string, path: string, operation: Schema): RouteSpec {
  const parameters = (operation.parameters ?? []) as Schema[];
  const delighted = path.startsWith('/compat/delighted/');
  const queryParams = parameters
    .filter((p) => p.in === 'query')
    .map((p) => ({ name: p.name as string, schema: (p.schema ?? {}) as Schema }));
  if (delighted && method === 'GET') queryParams.push(...DELIGHTED_QUERY.map((name) => ({ name, schema: {} })));
  return {
    key: `${method} ${path}`,
    method,
    path,
    pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
    queryParams,
    bodySchema: (operation.requestBody?.content?.['application/json']?.schema as Schema | undefined) ?? null,
    delighted,
  };
}

const KIND_BY_SEGMENT: Record<string, string> = {
  journeys: 'journey',
  stages: 'stage',
  touchpoints: 'touchpoint',
  surveys: 'survey',
  personas: 'persona',
  responses: 'response',
  'alert-rules': 'alertRule',
  cases: 'case',
  webhooks: 'webhook',
  invitations: 'invitation',
  users: 'user',
  'api-keys': 'apiKey',
  people: 'person',
  survey_responses: 'response',
  mail: 'none',
};

/** Which seeded objects a path parameter names. */
export function kindOfParam(route: RouteSpec, param: string): string {
  if (param === 'deliveryId') return 'delivery';
  if (param === 'token') return route.path.startsWith('/u/') ? 'unsubscribeToken' : 'responseToken';
  if (param === 'touchpointKey') return 'touchpointKey';
  if (param === 'email') return 'email';
  if (param === 'identifier') return 'person';
  const segments = route.path.split('/');
  const at = segments.indexOf(`{${param}}`);
  return KIND_BY_SEGMENT[segments[at - 1]] ?? 'none';
}

/** Follows a local $ref (#/components/schemas/X). */
export function resolve(doc: OpenApiDocument, schema: Schema): Schema {
  const ref = schema.$ref as string | undefined;
  if (!ref) return schema;
  return doc.components?.schemas?.[ref.split('/').pop()!] ?? {};
}
