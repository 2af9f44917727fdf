// The values an API fuzzer throws at every field, parameter and header:
// wrong types, sizes, unicode, NUL, huge numbers, impossible dates,
// prototype keys. Plain fast-check arbitraries, so a seed replays a run.
import fc from 'fast-check';

export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', '__proto__[x]', 'constructor[prototype]', 'a[__proto__]'];

export const hostileText = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\uD800',
    '\uDFFF',
    '\uFEFF',
    '\u202E',
    '👩‍👩‍👧‍👦',
    'Ω≈ç√',
    'null',
    'undefined',
    'true',
    'NaN',
    '-1',
    '0',
    '1e999',
    '{{person.name}}',
    '{{#each}}',
    '<script>alert(1)</script>',
    "'; DROP TABLE responses; --",
    '%00',
    '%',
    '..',
    '../..',
    'a'.repeat(256),
    'é'.repeat(2001),
    ...PROTOTYPE_KEYS,
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.nat({ max: 20_000 }).map((n) => 'x'.repeat(n)),
);

export const hostileNumber = fc.oneof(
  fc.constantFrom(0, -0, -1, 1, 0.5, -0.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, -(2 ** 63), 1e21, 1e308, -1e308, 5e-324, 1e300),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

export const hostileDate = fc.constantFrom(
  '-271821-04-20T00:00:00.000Z',
  '+275760-09-13T00:00:00.000Z',
  '0000-01-01T00:00:00Z',
  '0001-01-01',
  '1969-12-31T23:59:59Z',
  '9999-12-31T23:59:59.999Z',
  '2026-02-30',
  '2026-13-01',
  '2026-01-01T25:00:00Z',
  '2026-01-01T00:00:00+99:00',
  '99999999999',
  '2026-03-29T02:30:00',
  'now',
  '2026-01-01T00:00:00.000000001Z',
  '1970-01-01T00:00:00Z',
  '2999-12-31T23:59:59Z',
);

/** Any JSON value, hostile or not, nested a little. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileText,
    hostileNumber,
    hostileDate,
    fc.constantFrom(null, true, false),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), hostileText), tie('value'), { maxKeys: 3 }),
  ),
})).value;

/** Raw bodies no schema would produce: broken JSON, nesting deep enough to overflow a recursive reader, huge literals. */
export const hostileRawJson = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '{"a":',
    '[',
    'nul',
    '"unterminated',
    '{"a":1,}',
    '1e999',
    '-',
    '\u0000',
    '{"a":"\\u0000"}',
    '{"a":"\\ud800"}',
    '123456789012345678901234567890',
    '{"__proto__":{"x":1}}',
    '{"constructor":{"prototype":{"x":1}}}',
    '{"a":1,"a":2}',
    'null',
    '[]',
    '"text"',
    'true',
  ),
  fc
    .constantFrom(33, 100, 5_000, 20_000)
    .chain((depth) => fc.constantFrom(`${'['.repeat(depth)}${']'.repeat(depth)}`, `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`)),
  fc.nat({ max: 120_000 }).map((n) => JSON.stringify({ comment: 'y'.repeat(n), score: 1 })),
);

/** Already percent-encoded path or query fragments that decoders choke on. */
export const hostileEncoded = fc.constantFrom(
  '%00',
  '%',
  '%zz',
  '%FF',
  '%C0%80',
  '%ED%A0%80',
  '%E2%80%AE',
  '..%2F..%2Fetc',
  '%2F',
  '%20',
  '%0D%0A',
  '%25',
  '+',
  '%2B',
  'a%00b',
  'email:%00',
  '%7B%7D',
  '%5B%5D',
);

/** encodeURIComponent that cannot throw on a lone surrogate (it then becomes bytes no UTF-8 decoder accepts). */
export function encode(text: string): string {
  let out = '';
  for (const char of text) {
    try {
      out += encodeURIComponent(char);
    } catch {
      out += '%ED%A0%80';
    }
  }
  return out;
}
