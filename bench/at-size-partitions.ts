// The at-size benchmark on partitioned history (HISTORY_PARTITIONED=true): the seed writes three years in bulk, so
// the months it fills are made first (else its rows would land in the default partitions), and the unique keys that
// the claim triggers keep (cairn_history.unique_keys) are filled after it in one statement per key, as
// convert_table does, since the seed's session runs with triggers off.
import { Client } from 'pg';

/** Makes every monthly partition from `start`'s month to `months` months after it; the names that could not be made. */
export async function makeMonths(db: Client, start: Date, months: number): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>('SELECT cairn_history.ensure_partitions($1, $2) AS name', [months, start]);
  return rows.map((r) => r.name);
}

/** Claims the unique keys of the rows of `tables` that hold none yet; how many keys were claimed. */
export async function claimSeededKeys(db: Client, tables: string[]): Promise<number> {
  const { rows } = await db.query<{ constraint_name: string; table_name: string; columns: string[] }>(
    'SELECT constraint_name, table_name, columns FROM cairn_history.keyed_uniques WHERE table_name = ANY($1)',
    [tables],
  );
  let claimed = 0;
  for (const { constraint_name: name, table_name: table, columns } of rows) {
    const key = columns.map((c) => `"${c}"::TEXT`).join(', ');
    const present = columns.map((c) => `"${c}" IS NOT NULL`).join(' AND ');
    const { rowCount } = await db.query(
      `INSERT INTO cairn_history.unique_keys (constraint_name, key, row_id)
       SELECT $1, ARRAY[${key}]::TEXT, id FROM public."${table}" WHERE ${present} ON CONFLICT DO NOTHING`,
      [name],
    );
    claimed += rowCount ?? 0;
  }
  return claimed;
}

/** Rows per partitioned table in the months that end before `cutoff` (what history retention is about to drop). */
export async function rowsBefore(db: Client, cutoff: Date): Promise<Record<string, number>> {
  const { rows } = await db.query<{ table_name: string }>('SELECT table_name FROM cairn_history.partitioned_tables WHERE droppable');
  const out: Record<string, number> = {};
  for (const { table_name: table } of rows) {
    const { rows: n } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM public."${table}" WHERE id < (SELECT cairn_history.month_id(max(m) + INTERVAL '1 month') FROM cairn_history.expired_months($1) m)`,
      [cutoff],
    );
    if (n[0].n) out[table] = n[0].n;
  }
  return out;
}
