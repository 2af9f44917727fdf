import fc from 'fast-check';
import { escapeLiteral } from 'pg';
import { executeLiteral, inlineParams, sqlLiteral } from './sql-literal';

describe('SQL literals', () => {
  it('quotes text so that quotes and backslashes stay data', () => {
    expect(sqlLiteral("O'Brien")).toBe("'O''Brien'");
    expect(sqlLiteral('a\\b')).toBe(" E'a\\\\b'");
    expect(sqlLiteral("x'); DROP TABLE people; --")).toBe("'x''); DROP TABLE people; --'");
  });

  it("quotes any text exactly as pg's escapeLiteral does", () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'é', '日', "'", '\\', '"', ' ', '\n', '$', 'E') });
    fc.assert(
      fc.property(text, (value) => expect(sqlLiteral(value)).toBe(escapeLiteral(value))),
      { numRuns: 2000 },
    );
    for (const value of ['', "'", '\\', "\\'", "''\\\\", 'plain']) expect(sqlLiteral(value)).toBe(escapeLiteral(value));
  });

  it('writes null, numbers, booleans, instants and JSON', () => {
    expect([sqlLiteral(null), sqlLiteral(undefined), sqlLiteral(42), sqlLiteral(true)]).toEqual(['NULL', 'NULL', '42', 'TRUE']);
    expect(sqlLiteral(new Date('2026-12-02T04:00:00.123Z'))).toBe("'2026-12-02T04:00:00.123Z'");
    expect(sqlLiteral({ a: "it's" })).toBe(`'{"a":"it''s"}'`);
    expect(() => sqlLiteral(Number.NaN)).toThrow(TypeError);
  });

  it('refuses a NUL character, which would cut the query short', () => {
    expect(() => sqlLiteral('a\u0000b')).toThrow(/NUL/);
    expect(() => sqlLiteral({ note: 'a\u0000' })).not.toThrow(); // JSON writes it as the six characters \u0000
  });

  it('inlines each $n once, never reading a value as a placeholder', () => {
    expect(inlineParams('SELECT $1, $2, $1', ['$2', 'b'])).toBe("SELECT '$2', 'b', '$2'");
    expect(() => inlineParams('SELECT $3', ['a'])).toThrow(RangeError);
    expect(executeLiteral('stmt', ['a', null, 1])).toBe("EXECUTE stmt('a', NULL, 1)");
  });
});
