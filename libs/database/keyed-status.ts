/**
 * A status test for a statement that finds its rows by key (a batch of ids joined to the table), written so that
 * Postgres cannot answer the statement from an index on the status instead. Its statistics count few rows in a
 * transient status (few deliveries pending, few invitations sending: true at the last ANALYZE of a table where
 * nearly everything is done), so given the choice it read every entry of that status for each batch, those of a
 * burst written since and those of rows that moved on since the last vacuum (a bitmap scan never marks a dead
 * entry): 630 buffers per webhook claim batch in bench:webhooks. By key, a batch reads its own rows
 * (test/services/batch-key-plans). Compared as text, the status is no index condition.
 */
export function keyedStatusIs(column: string, status: string): string {
  if (!/^[a-z_]+$/.test(status)) throw new Error(`not a status: ${status}`);
  return `${column}::text = '${status}'`;
}
