import { StatementNames } from './statement-names';

describe('StatementNames', () => {
  it('gives one statement text one stable name, and different texts different names', () => {
    const names = new StatementNames();
    const a = names.nameOf('SELECT * FROM t WHERE id = $1', 1);
    expect(a).toMatch(/^cairn_[\w-]{22}$/);
    expect(names.nameOf('SELECT * FROM t WHERE id = $1', 1)).toBe(a);
    expect(new StatementNames().nameOf('SELECT * FROM t WHERE id = $1', 1)).toBe(a);
    expect(names.nameOf('SELECT * FROM t WHERE id = $2', 1)).not.toBe(a);
  });

  it('leaves statements without parameters unnamed: they may hold several commands', () => {
    expect(new StatementNames().nameOf('BEGIN; SELECT 1; COMMIT', 0)).toBeUndefined();
  });

  it('stops naming new texts after 500, still naming those it knows', () => {
    const names = new StatementNames();
    const first = names.nameOf('SELECT $1::int AS n0', 1);
    for (let i = 1; i < 500; i++) expect(names.nameOf(`SELECT $1::int AS n${i}`, 1)).toBeDefined();
    expect(names.nameOf('SELECT $1::int AS n500', 1)).toBeUndefined();
    expect(names.nameOf('SELECT $1::int AS n0', 1)).toBe(first);
  });
});
