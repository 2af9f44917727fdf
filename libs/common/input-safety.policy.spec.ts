import { inputProblem, MAX_INPUT_DEPTH } from './input-safety.policy';
import { isForbiddenKey, safeRecord } from './safe-keys';

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value];
  return value;
}

describe('inputProblem', () => {
  it('accepts ordinary input', () => {
    expect(inputProblem({ name: 'Onboarding', stages: [{ name: 'Sign-up' }], properties: { plan: 'pro', seats: 3 } }, 'body')).toBeNull();
    expect(inputProblem(undefined, 'body')).toBeNull();
    expect(inputProblem('text', 'body')).toBeNull();
  });

  it.each([
    [{ comment: 'a\u0000b' }, 'body.comment contains a NUL'],
    [{ items: [{ person: { name: '\u0000' } }] }, 'body.items.0.person.name contains a NUL'],
    [{ 'a\u0000': 1 }, 'a key contains a NUL'],
    [JSON.parse('{"__proto__": {"x": 1}}'), 'body.__proto__: keys named'],
    [{ 'properties[__proto__]': 1 }, 'properties[__proto__]: keys named'],
    [{ '__proto__[x]': 1 }, '__proto__[x]: keys named'],
    [{ person: { properties: { constructor: 1 } } }, 'body.person.properties.constructor: keys named'],
    [{ 'segment.prototype': 'x' }, 'keys named'],
  ])('refuses %p', (value, message) => {
    expect(inputProblem(value, 'body')).toContain(message);
  });

  it(`refuses nesting deeper than ${MAX_INPUT_DEPTH} levels without overflowing on 20,000`, () => {
    expect(inputProblem(nested(MAX_INPUT_DEPTH), 'body')).toBeNull();
    expect(inputProblem(nested(MAX_INPUT_DEPTH + 1), 'body')).toContain('nested more than');
    expect(inputProblem(JSON.parse(`${'['.repeat(20_000)}${']'.repeat(20_000)}`), 'body')).toContain('nested more than');
  });

  it('does not walk a raw body buffer byte by byte', () => {
    expect(inputProblem(Buffer.alloc(1024 * 1024), 'body')).toBeNull();
  });

  it('shortens a huge key in its message', () => {
    expect(inputProblem({ [`${'k'.repeat(10_000)}\u0000`]: 1 }, 'body')!.length).toBeLessThan(200);
  });
});

describe('safe keys', () => {
  it.each(['__proto__', 'constructor', 'prototype', 'a[__proto__]', '__proto__[x]', 'segment.constructor', 'x.prototype.y'])(
    '%p is forbidden',
    (key) => {
      expect(isForbiddenKey(key)).toBe(true);
    },
  );

  it.each(['plan', 'proto', 'Constructor_name', 'properties[plan]', 'segment.region', '__proto'])('%p is allowed', (key) => {
    expect(isForbiddenKey(key)).toBe(false);
  });

  it('safeRecord has no prototype to reach', () => {
    const record = safeRecord();
    record['__proto__'] = { polluted: true } as never;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(record)).toBeNull();
  });
});
