/**
 * An array parameter of a named statement, written so that Postgres keeps one plan for it per connection.
 *
 * Postgres plans a prepared statement with its values bound for the first five runs (custom plans), then keeps
 * the generic plan only if that costs no more than they did. An array parameter defeats this: bound, `unnest($1)`
 * or `= ANY($1)` is costed at the array's true length (one, for most calls), while the generic plan assumes ten
 * elements, so the generic plan always looks dearer and the statement is planned again on every call: 0.2-0.9 ms
 * of database CPU each for the answer's token look-up and the webhook deliveries' statements (pg_stat_statements
 * under bench/webhooks-bench). Read through a one-row sub-select, the array is costed at ten in both plans, and
 * the generic plan is kept from the sixth run on; the outer cast keeps `= ANY(…)` reading an array, not the
 * sub-select's rows. Not for a parameter that prunes partitions: a sub-select's value prunes only while the
 * statement runs, after every partition was opened.
 */
export function arrayParam(index: number, type: string): string {
  return `(SELECT $${index}::${type}[])::${type}[]`;
}
