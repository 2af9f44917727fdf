// The events route's fast path against the ValidationPipe it stands in for: whatever body the fast path takes, the
// pipe takes too and builds the same DTO (classes, fields, copies); and on the usual bodies (no nulls, no unknown
// keys, values of the right type) it declines none the pipe takes, so the fast path is what they run.
import fc from 'fast-check';
import { getMetadataStorage } from 'class-validator';
import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { API_VALIDATION, isForbiddenKey } from '@cairn/common';
import { CreateEventDto, EVENT_RULES, EventPersonDto, eventBodyFastPath } from '@cairn/distribution';
import { hostileDate, hostileNumber, hostileText, PROTOTYPE_KEYS } from './hostile-values';

const pipe = new ValidationPipe(API_VALIDATION);
/** A fresh copy as the HTTP layer parses it (structuredClone's objects come from another realm under Jest). */
const parsed = <T>(body: T): T => JSON.parse(JSON.stringify(body)) as T;
/** Sets an own property, also one named __proto__. */
const put = (target: object, key: string, value: unknown) =>
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
const metadata = { type: 'body', metatype: CreateEventDto } as const;

/** The pipe's DTO, or its 400's messages. */
async function piped(body: unknown): Promise<{ dto: unknown } | { refused: unknown }> {
  try {
    return { dto: await pipe.transform(parsed(body), metadata) };
  } catch (error) {
    if (!(error instanceof BadRequestException)) throw error;
    return { refused: (error.getResponse() as { message: unknown }).message };
  }
}

/** A property absent, or present with one of `values`. */
const maybe = <T>(values: fc.Arbitrary<T>) => fc.option(values, { nil: undefined, freq: 3 });
const withoutAbsent = (record: Record<string, unknown>) => Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
const oddValue = fc.oneof(fc.constant(null), hostileNumber, fc.boolean(), fc.constant([]), fc.constant({}), hostileText);

const eventType = fc.oneof(
  { arbitrary: fc.constantFrom('order.delivered', 'ticket.closed'), weight: 4 },
  fc.constantFrom('order.delivered', 'a', 'A:b_c-d.e', 'x'.repeat(100), 'x'.repeat(101), '.order', 'order delivered', 'ordér'),
  fc.stringMatching(EVENT_RULES.type),
);
// Lengths around the limits, in code units and in code points (an emoji is two units and one character to the rule).
const text = (max: number) =>
  fc.oneof(
    { arbitrary: fc.constantFrom('Ada', 'cust-42'), weight: 4 },
    fc.string({ minLength: 1, maxLength: 20 }),
    fc.constantFrom('', ' ', 'x'.repeat(max), 'x'.repeat(max + 1), '😀'.repeat(max), '😀'.repeat(max / 2 + 1), 'é'.repeat(max)),
  );
const longDomain = `${'d'.repeat(60)}.${'e'.repeat(60)}.${'f'.repeat(60)}.${'g'.repeat(60)}.com`;
const email = fc.oneof(
  { arbitrary: fc.constantFrom('ada@example.com', 'b.c+d@mail.example.org'), weight: 4 },
  fc.emailAddress(),
  fc.constantFrom(
    'ada@example.com',
    'a@b',
    'a@example',
    'not an email',
    '',
    'ada@exämple.com',
    `a@${longDomain}`,
    `${'a'.repeat(64)}@x.${longDomain}`,
  ),
);
const phone = fc.constantFrom(
  '+46701234567',
  '+46 70-123 45 67',
  ' +46701234567 ',
  '0701234567',
  '+1 555',
  '+4670123456789012345',
  '+',
  '+1 202-555-0143',
);
const locale = fc.constantFrom('en', 'sv', 'sv-SE', 'EN', 'sv-se', 'eng', 'e', 'en-', 'da-DK');
const flatValue = fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constant('v'.repeat(1001)));
const personProperties = fc.oneof(
  {
    arbitrary: fc.dictionary(fc.constantFrom('plan', 'tier', 'n'), fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.constant(null))),
    weight: 3,
  },
  fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), flatValue, { maxKeys: 5 }),
  fc.constantFrom({ plan: 'pro' }, { '': 1 }, { ['k'.repeat(101)]: 1 }, { nested: { a: 1 } }, { list: [1] }),
  fc.constant(Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, i]))),
);
const eventProperties = fc.oneof(
  fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }),
  fc.constantFrom({ orderId: 'o-1' }, { big: 'x'.repeat(16_400) }, { fits: 'x'.repeat(16_370) }, { when: '2026-01-01T00:00:00Z' }),
);
const occurredAt = fc.oneof(
  {
    arbitrary: fc.date({ min: new Date('1971-01-01'), max: new Date('2990-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
    weight: 3,
  },
  fc.date({ min: new Date('1960-01-01'), max: new Date('3010-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2026-01-01', '2026-01-01T00:00:00Z', '2026-01-01 00:00:00Z', '2026-01-01T00:00:00+01:00', '20260101T000000Z'),
  hostileDate,
);

/** A body of the usual kind: known keys only, each value of the right type (valid or not). */
const usualPerson = fc
  .record({
    email: maybe(email),
    externalId: maybe(text(200)),
    name: maybe(text(200)),
    phone: maybe(phone),
    locale: maybe(locale),
    properties: maybe(personProperties),
  })
  .map(withoutAbsent);
const usualBody = fc
  .record({
    type: eventType,
    person: usualPerson,
    properties: maybe(eventProperties),
    occurredAt: maybe(occurredAt),
    idempotencyKey: maybe(text(255)),
  })
  .map(withoutAbsent);

/** Any body: the usual ones with nulls, wrong types, unknown and prototype keys mixed in. */
const anyBody = fc
  .tuple(
    usualBody,
    fc.constantFrom('type', 'person', 'properties', 'occurredAt', 'idempotencyKey', 'extra', ...PROTOTYPE_KEYS),
    fc.constantFrom('email', 'externalId', 'name', 'phone', 'locale', 'properties', 'extra', ...PROTOTYPE_KEYS),
    oddValue,
    fc.constantFrom('top', 'person', 'both'),
  )
  .map(([body, topKey, personKey, value, where]) => {
    const copy = parsed(body) as Record<string, unknown>;
    if (where !== 'person') put(copy, topKey, parsed([value])[0]);
    if (where !== 'top' && typeof copy.person === 'object' && copy.person) put(copy.person, personKey, parsed([value])[0]);
    return copy;
  });

/**
 * No key, however deep, that names a member of every object (`valueOf`: class-transformer leaves it out of its copy)
 * or reaches a prototype: the fast path leaves such bodies to the pipe.
 */
function hasOnlyPlainKeys(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  return Object.entries(value).every(
    ([key, item]) => (Array.isArray(value) || (!(key in Object.prototype) && !isForbiddenKey(key))) && hasOnlyPlainKeys(item),
  );
}

describe('the events body fast path', () => {
  it('takes only bodies the pipe takes, and returns the DTO the pipe returns', async () => {
    let taken = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(usualBody, anyBody), async (body) => {
        const fast = eventBodyFastPath(parsed(body));
        if (fast === null) return;
        taken++;
        expect(await piped(body)).toStrictEqual({ dto: fast });
      }),
      { numRuns: 3000 },
    );
    // Not vacuous: a good share of the bodies went the fast way.
    expect(taken).toBeGreaterThan(200);
  });

  it('declines none of the usual bodies the pipe takes', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(usualBody.filter(hasOnlyPlainKeys), async (body) => {
        const result = await piped(body);
        if (!('dto' in result)) return;
        accepted++;
        expect(eventBodyFastPath(parsed(body))).toStrictEqual(result.dto);
      }),
      { numRuns: 2000 },
    );
    expect(accepted).toBeGreaterThan(200);
  });

  it('builds the DTO classes with the number stored as E.164 and copies of the properties', () => {
    const body = {
      type: 'order.delivered',
      person: { phone: '+46 70-123 45 67', properties: { plan: 'pro' } },
      properties: { order: { lines: [1, 2] } },
    };
    const dto = eventBodyFastPath(body)!;
    expect(dto).toBeInstanceOf(CreateEventDto);
    expect(dto.person).toBeInstanceOf(EventPersonDto);
    expect(dto.person.phone).toBe('+46701234567');
    expect(dto.person.email).toBeUndefined();
    expect(dto.properties).toEqual(body.properties);
    expect(dto.properties).not.toBe(body.properties);
    expect((dto.properties as { order: unknown }).order).not.toBe(body.properties.order);
    expect(dto.person.properties).not.toBe(body.person.properties);
  });

  // The fast path checks these rules itself: a rule added to or changed in the DTOs fails here until it does too.
  it.each([
    [
      'CreateEventDto',
      CreateEventDto,
      {
        type: ['isString', 'matches /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/'],
        person: ['isDefined', 'isObject', 'nestedValidation'],
        properties: ['isObject', 'isOptional', 'isSmallJson'],
        occurredAt: ['isInstantInRange', 'isIso8601', 'isOptional'],
        idempotencyKey: ['isLength 1,255', 'isOptional', 'isString'],
      },
    ],
    [
      'EventPersonDto',
      EventPersonDto,
      {
        email: ['conditionalValidation', 'isEmail', 'maxLength 254'],
        externalId: ['isLength 1,200', 'isOptional', 'isString'],
        name: ['isLength 1,200', 'isOptional', 'isString'],
        phone: ['isE164Phone', 'isOptional'],
        locale: ['isOptional', 'matches /^[a-z]{2}(-[A-Z]{2})?$/'],
        properties: ['isOptional', 'isPersonProperties'],
      },
    ],
  ])('knows every rule of %s', (_name, target, rules) => {
    const found: Record<string, string[]> = {};
    for (const meta of getMetadataStorage().getTargetValidationMetadatas(target, '', true, false)) {
      const name = meta.name ?? meta.type;
      const limits = ['isLength', 'maxLength', 'matches'].includes(name)
        ? ` ${meta.constraints.filter((c) => c !== undefined).join(',')}`
        : '';
      (found[meta.propertyName] ??= []).push(`${name}${limits}`);
    }
    for (const list of Object.values(found)) list.sort();
    expect(found).toStrictEqual(rules);
  });

  it.each([
    ['an unknown key', { type: 'a', person: { email: 'ada@example.com' }, extra: 1 }],
    ['an unknown person key', { type: 'a', person: { email: 'ada@example.com', age: 3 } }],
    ['a null', { type: 'a', person: { email: 'ada@example.com', name: null } }],
    ['no email and no phone', { type: 'a', person: { name: 'Ada' } }],
    ['an invalid phone beside an email', { type: 'a', person: { email: 'ada@example.com', phone: '12' } }],
    ['properties that are a list', { type: 'a', person: { email: 'ada@example.com' }, properties: [1] }],
    ['a date before 1970', { type: 'a', person: { email: 'ada@example.com' }, occurredAt: '1969-12-31T23:59:59Z' }],
    ['an empty idempotency key', { type: 'a', person: { email: 'ada@example.com' }, idempotencyKey: '' }],
  ])('leaves a body with %s to the pipe', (_case, body) => {
    expect(eventBodyFastPath(body)).toBeNull();
  });
});
