/**
 * Values written into SQL text, for the few hot paths that send several
 * statements in ONE round trip: Postgres's simple query protocol runs
 * "BEGIN; a; b" as one message, each statement with a fresh snapshot, but
 * takes no bound parameters. Every value is quoted as pg's escapeLiteral
 * quotes it (quotes doubled, backslashes doubled in an E'' string), so the
 * text means exactly what bound parameters would; casts are written in the
 * SQL next to the $n.
 */
export type SqlValue = string | number | boolean | Date | null | undefined | object;

export function sqlLiteral(value: SqlValue): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const text = value instanceof Date ? value.toISOString() : typeof value === 'string' ? value : JSON.stringify(value);
  // The server reads the query as a C string: a NUL would cut it short. Inputs refuse NUL with a 400 before this.
  if (text.includes('\u0000')) throw new TypeError('a NUL character cannot be sent to Postgres');
  return quoted(text);
}

const QUOTE_OR_BACKSLASH = /['\\]/g;

/**
 * pg's escapeLiteral, in one replace: it appends the text one character at a time, which allocated a string per
 * character (an event's send template and properties are hundreds): a fifth of the API's allocations under the
 * events load. The same output for every string (sql-literal.spec.ts compares them).
 */
function quoted(text: string): string {
  const body = text.replace(QUOTE_OR_BACKSLASH, (c) => c + c);
  return text.includes('\\') ? ` E'${body}'` : `'${body}'`;
}

/**
 * A parameterised statement ($1, $2, ...) with its values written in as
 * literals, for a multi-statement query. `$n` is replaced in one pass, so a
 * value containing "$2" is never read as a placeholder; the statement itself
 * must not contain `$n` inside its own quoted strings.
 */
export function inlineParams(text: string, values: readonly SqlValue[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const index = Number(n) - 1;
    if (index < 0 || index >= values.length) throw new RangeError(`no value for $${n}`);
    return sqlLiteral(values[index]);
  });
}

/** EXECUTE of a statement prepared with SQL PREPARE on this connection, its values written in as literals. */
export function executeLiteral(name: string, values: readonly SqlValue[]): string {
  return `EXECUTE ${name}(${values.map(sqlLiteral).join(', ')})`;
}
