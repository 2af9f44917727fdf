// The at-size benchmark on partitioned history (HISTORY_PARTITIONED=true): the seed writes three years in bulk, so
// the months it fills are made first (else its rows would land in the default partitions), and the unique keys that
// the claim triggers keep (cairn_history.unique_keys) are filled after it in one statement per key, as
// convert_table does, since the seed's session runs with triggers off.
import { Client } from 'pg';
import { uuid7At } from './scores-seed';

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

/** The ids [lo, hi) of the months that end before `cutoff` (what history retention is about to drop); null if none. */
async function expiringIds(db: Client, cutoff: Date): Promise<{ lo: string; hi: string } | null> {
  const { rows } = await db.query<{ lo: string | null; hi: string | null }>(
    `SELECT cairn_history.month_id(min(m)) AS lo, cairn_history.month_id(max(m) + INTERVAL '1 month') AS hi FROM cairn_history.expired_months($1) m`,
    [cutoff],
  );
  const { lo, hi } = rows[0];
  return lo && hi ? { lo, hi } : null;
}

/** Rows per partitioned table in the months that end before `cutoff` (what history retention is about to drop). */
export async function rowsBefore(db: Client, cutoff: Date): Promise<Record<string, number>> {
  const expiring = await expiringIds(db, cutoff);
  if (!expiring) return {};
  const { rows } = await db.query<{ table_name: string }>('SELECT table_name FROM cairn_history.partitioned_tables WHERE droppable');
  const out: Record<string, number> = {};
  for (const { table_name: table } of rows) {
    const { rows: n } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM public."${table}" WHERE id < $1`, [expiring.hi]);
    if (n[0].n) out[table] = n[0].n;
  }
  return out;
}

/**
 * Gives the months retention is about to drop what a real month has besides its events (the seed writes events and
 * answers only): an invitation of `surveyId` per event, made by it (its keys claimed as the intake's are), its two
 * link tokens, and the months' answers as answers to those invitations. Dropping such a month also frees the
 * invitations' keys and deletes the tokens (and, before layout step 006, unlinked the answers), which a month of bare
 * events never measured.
 * Returns how many invitations it wrote.
 */
export async function fillExpiringMonths(db: Client, cutoff: Date, surveyId: string): Promise<number> {
  const expiring = await expiringIds(db, cutoff);
  if (!expiring) return 0;
  const { lo, hi } = expiring;
  await db.query('BEGIN');
  try {
    await db.query(
      `CREATE TEMP TABLE expiring ON COMMIT DROP AS
         SELECT e.id AS event_id, e.workspace_id, e.person_id, e.created_at, ${uuid7At('e.created_at')} AS invitation_id
         FROM events e WHERE e.id >= $1 AND e.id < $2 AND e.person_id IS NOT NULL`,
      [lo, hi],
    );
    const { rowCount } = await db.query(
      `INSERT INTO invitations (id, workspace_id, survey_id, person_id, event_id, status, scheduled_for, expires_at, sent_at, created_at)
       SELECT invitation_id, workspace_id, $1, person_id, event_id, 'sent', created_at, created_at + INTERVAL '30 days', created_at, created_at
       FROM expiring`,
      [surveyId],
    );
    await db.query(
      `INSERT INTO invitation_tokens (id, invitation_id, kind, token_hash, created_at)
       SELECT gen_random_uuid()::text, invitation_id, kind, md5(invitation_id || kind::text), created_at
       FROM expiring, unnest(enum_range(NULL::"TokenKind")) kind`,
    );
    await db.query(
      `WITH answer AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM responses WHERE id >= $1 AND id < $2 AND invitation_id IS NULL),
            invitation AS (SELECT invitation_id, row_number() OVER (ORDER BY invitation_id) AS n FROM expiring)
       UPDATE responses r SET invitation_id = invitation.invitation_id FROM answer JOIN invitation USING (n) WHERE r.id = answer.id`,
      [lo, hi],
    );
    await db.query('COMMIT');
    return rowCount ?? 0;
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
}

/**
 * Runs `work` while another connection writes an invitation of this month again and again (each in a transaction
 * rolled back, so nothing stays), as the intake does; the longest such write, in ms: how long `work` held writers.
 */
export async function longestWriteDuring<T>(url: string, work: () => Promise<T>): Promise<{ result: T; longestMs: number }> {
  const writer = new Client({ connectionString: url });
  await writer.connect();
  let longestMs = 0;
  let done = false;
  const writes = (async () => {
    const { rows } = await writer.query<{ workspace_id: string; survey_id: string; person_id: string }>(
      `SELECT workspace_id, survey_id, person_id FROM invitations ORDER BY id DESC LIMIT 1`,
    );
    const { workspace_id: workspaceId, survey_id: surveyId, person_id: personId } = rows[0];
    while (!done) {
      const started = process.hrtime.bigint();
      await writer.query('BEGIN');
      await writer.query(
        `INSERT INTO invitations (id, workspace_id, survey_id, person_id, status, scheduled_for, expires_at)
         VALUES (${uuid7At('clock_timestamp()')}, $1, $2, $3, 'scheduled', now(), now() + INTERVAL '30 days')`,
        [workspaceId, surveyId, personId],
      );
      await writer.query('ROLLBACK');
      longestMs = Math.max(longestMs, Number(process.hrtime.bigint() - started) / 1e6);
    }
  })();
  try {
    const result = await work();
    done = true;
    await writes; // a write that failed fails the measurement
    return { result, longestMs };
  } finally {
    done = true;
    await writes.catch(() => undefined);
    await writer.end();
  }
}
