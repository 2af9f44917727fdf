// Bodies shaped by the route's schema (so they get past the first check and
// reach the code behind it), with any field replaced by a hostile value,
// required fields dropped and unknown or prototype keys added.
import fc from 'fast-check';
import type { FuzzWorld } from './fuzz-world';
import { hostileDate, hostileJson, hostileNumber, hostileText, PROTOTYPE_KEYS } from './hostile-values';
import { OpenApiDocument, resolve, Schema } from './openapi-routes';

type Arb = fc.Arbitrary<unknown>;

export function bodyArbitrary(doc: OpenApiDocument, schema: Schema, world: FuzzWorld, depth = 0): Arb {
  const resolved = resolve(doc, schema);
  const valid = validFor(doc, '', resolved, world, depth);
  return fc.oneof({ weight: 5, arbitrary: valid }, { weight: 1, arbitrary: hostileJson });
}

/** What Delighted's clients send (the document cannot describe these routes). */
export function delightedBody(world: FuzzWorld): fc.Arbitrary<Record<string, unknown>> {
  const field = (valid: Arb) => fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: hostileJson });
  const record = fc.record(
    {
      email: field(fc.constantFrom(...world.ids.email, 'new.person@example.com', 'Mixed@Example.COM')),
      person_email: field(fc.constantFrom(...world.ids.email, 'other@example.com')),
      person: field(fc.constantFrom(...world.ids.person)),
      id: field(fc.constantFrom(...world.ids.response)),
      name: field(fc.string({ maxLength: 20 })),
      delay: field(fc.integer({ min: 0, max: 86_400 })),
      send: field(fc.boolean()),
      score: field(fc.integer({ min: 0, max: 10 })),
      comment: field(fc.string({ maxLength: 40 })),
      channel: field(fc.constantFrom('email', 'sms')),
      phone_number: field(fc.constantFrom('+15555550100', '123')),
      created_at: field(fc.integer({ min: 0, max: 2_000_000_000 })),
      properties: field(
        fc.dictionary(fc.constantFrom('plan', 'locale', 'question_product_name', ...PROTOTYPE_KEYS), fc.string({ maxLength: 10 }), {
          maxKeys: 3,
        }),
      ),
    },
    { requiredKeys: [] },
  );
  return withExtraKey(record) as fc.Arbitrary<Record<string, unknown>>;
}

function validFor(doc: OpenApiDocument, name: string, schema: Schema, world: FuzzWorld, depth: number): Arb {
  const s = resolve(doc, schema);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  if (s.type === 'array') return fc.array(field(doc, name, s.items ?? {}, world, depth + 1), { maxLength: 3 });
  if (s.properties) return objectFor(doc, s, world, depth);
  if (s.type === 'object') return freeObject(name);
  if (s.type === 'number' || s.type === 'integer') {
    return fc.oneof(fc.integer({ min: s.minimum ?? 0, max: s.maximum ?? 100 }), fc.constant(s.example ?? 1));
  }
  if (s.type === 'boolean') return fc.boolean();
  return stringFor(name, s, world);
}

function field(doc: OpenApiDocument, name: string, schema: Schema, world: FuzzWorld, depth: number): Arb {
  const valid = validFor(doc, name, schema, world, depth);
  const hostile = fc.oneof(hostileText, hostileNumber, hostileDate, hostileJson);
  return fc.oneof({ weight: 5, arbitrary: valid }, { weight: 1, arbitrary: hostile });
}

function objectFor(doc: OpenApiDocument, s: Schema, world: FuzzWorld, depth: number): Arb {
  const model: Record<string, Arb> = {};
  for (const [key, child] of Object.entries(s.properties as Record<string, Schema>)) model[key] = field(doc, key, child, world, depth + 1);
  const required = ((s.required ?? []) as string[]).filter((k) => k in model);
  const base = fc.oneof(
    { weight: 4, arbitrary: fc.record(model, { requiredKeys: required }) },
    { weight: 1, arbitrary: fc.record(model, { requiredKeys: [] }) },
  );
  return withExtraKey(base);
}

/** Sometimes one more key: unknown, hostile or a prototype key such as `__proto__[x]`. */
function withExtraKey(base: Arb): Arb {
  const extra = fc.option(fc.tuple(fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), hostileText), hostileJson), { freq: 4 });
  return fc.tuple(base, extra).map(([object, more]) => {
    if (!more) return object;
    const out = { ...(object as object) } as Record<string, unknown>;
    Object.defineProperty(out, more[0], { value: more[1], enumerable: true, configurable: true, writable: true });
    return out;
  });
}

/** Objects the schema leaves open: localized texts, person properties, filters. */
function freeObject(name: string): Arb {
  const keys = /question|prompt|subject|name/i.test(name)
    ? fc.constantFrom('en', 'sv', 'da', 'xx', 'EN')
    : fc.constantFrom('plan', 'region', 'seats', 'vip');
  const values = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null));
  return fc.dictionary(fc.oneof({ weight: 5, arbitrary: keys }, { weight: 1, arbitrary: hostileText }), values, { maxKeys: 4 });
}

function stringFor(name: string, s: Schema, world: FuzzWorld): Arb {
  const id = /^(\w+)Id$/.exec(name);
  if (id && world.ids[id[1]]) return fc.constantFrom(...world.ids[id[1]]);
  if (name === 'touchpointIds') return fc.constantFrom(...world.ids.touchpoint);
  if (/email/i.test(name)) return fc.constantFrom(...world.ids.email, 'someone@example.com', 'admin@localhost');
  if (name === 'url') return fc.constantFrom(world.receiverUrl, 'http://10.0.0.1/hook', 'https://example.com/x', 'ftp://x');
  if (name === 'workspaceKey') return fc.constantFrom(world.publishableKey, 'pk_nope');
  if (name === 'touchpointKey' || name === 'key') return fc.constantFrom(...world.ids.touchpointKey, 'fresh-key', 'Not A Slug');
  if (name === 'password') return fc.constantFrom('long enough password', 'short');
  if (name === 'occurredAt') return fc.constantFrom('2026-01-01T00:00:00Z', new Date().toISOString());
  if (name === 'locale') return fc.constantFrom('en', 'sv', 'da', 'sv-SE', 'xx');
  if (typeof s.example === 'string') return fc.oneof(fc.constant(s.example), fc.string({ minLength: 1, maxLength: 20 }));
  return fc.string({ minLength: 1, maxLength: 20 });
}
