import { createHash } from 'node:crypto';

/** Distinct statements named per process; past this, new shapes run unnamed (planned each time) rather than grow every connection. */
const MAX_NAMED = 500;

/**
 * Names a parameterised statement after its text, so node-postgres prepares
 * it once per connection and Postgres can reuse its plan. Unnamed, every ORM
 * query was parsed and planned on every call: for a six-table join that cost
 * more database CPU than running it (issue 12). Statements without
 * parameters stay unnamed: they run over the simple protocol, which may hold
 * several commands and cannot be prepared.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();

  nameOf(sql: string, parameterCount: number): string | undefined {
    if (parameterCount === 0) return undefined;
    const known = this.names.get(sql);
    if (known !== undefined || this.names.size >= MAX_NAMED) return known;
    const name = `cairn_${createHash('sha1').update(sql).digest('base64url').slice(0, 22)}`;
    this.names.set(sql, name);
    return name;
  }
}
