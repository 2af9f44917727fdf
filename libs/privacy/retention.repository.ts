import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService, Tx } from '@cairn/database';
import { CONTAINS_MIN, Identifiers, redactJson, redactText } from './redact';

// redact.ts's `mentions` in SQL, for statements that redact a batch without sending it through Node. The two must
// agree on every string: test/services/retention-mentions.service-spec.ts holds them equal on a set of hard cases.

// What JavaScript's String.prototype.trim removes: WhiteSpace (tab, vertical tab, form feed, space, no-break space,
// BOM and the other Zs characters) and the LineTerminators. btrim() with them all as its set does the same.
const JS_WHITESPACE =
  '\t\n\u000b\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

// toLowerCase() maps case by Unicode's default rules, whatever the locale; lower() under the database's collation
// maps one character at a time (under C.UTF-8, İ becomes i, not i̇, and a final Σ becomes σ, not ς). ICU's root
// locale applies the default rules.
const lowered = (text: Prisma.Sql) => Prisma.sql`lower(${text} COLLATE "und-x-icu")`;

/** A needle as `needles()` makes it: trimmed, then lower-cased. */
const fold = (text: Prisma.Sql) => lowered(Prisma.sql`btrim(${text}, ${JS_WHITESPACE})`);

/** The length JavaScript gives a string: UTF-16 code units, two for a character beyond the BMP (emoji). */
const utf16Length = (text: Prisma.Sql) => Prisma.sql`(length(${text}) + CASE WHEN octet_length(${text}) = length(${text}) THEN 0
  ELSE (SELECT count(*) FROM regexp_split_to_table(${text}, '') ch WHERE ascii(ch) > 65535)::int END)`;

/** A needle that matches this holds a character that JSON escapes (quote, backslash, controls) or LIKE reads as a wildcard. */
const PLAIN = '["\\\\%_\\x01-\\x1f]';

/**
 * Whether `lower`, a text already lower-cased, mentions the person of `n`, a row whose `exact` holds every folded
 * needle and the person's id and whose `folded` holds the needles alone: trimmed, it is one of the exact, or it
 * contains one of the needles long enough to be looked for inside text.
 */
const mentionedIn = (lower: Prisma.Sql) => Prisma.sql`(btrim(${lower}, ${JS_WHITESPACE}) = ANY(n.exact)
  OR EXISTS (SELECT 1 FROM unnest(n.folded) x WHERE ${utf16Length(Prisma.sql`x`)} >= ${CONTAINS_MIN} AND strpos(${lower}, x) > 0))`;

// The needles CTE's parts, per person: `item` of each folded value (f.v) that is not empty, an array; `item` of the
// person's id, an array of it or an empty one for the answers without a person. Postgres computes identical
// aggregates of one query once, so repeating one costs nothing.
const FOLDED = Prisma.sql`f.v`;
const ofValues = (item: Prisma.Sql) => Prisma.sql`coalesce(array_agg(${item}) FILTER (WHERE f.v <> ''), '{}')`;
const andId = (item: Prisma.Sql) => Prisma.sql`CASE WHEN person_id IS NULL THEN '{}' ELSE ARRAY[${item}] END`;

/** Where a run's previous batch ended, in the order batches walk (created_at, id). */
export interface RetentionCursor {
  createdAt: Date;
  id: string;
}

/** An anonymised answer that has copies to redact (a case, an alert, a webhook body), with what identified its person. */
export interface AnswerWithCopies {
  id: string;
  personId: string | null;
  /** The person's email, name, number and external id as they were (null where none), then their answers' comments. */
  values: Array<string | null>;
}

/** What a batch did: how many answers it anonymised, its last (null if none), and those with copies. */
export interface AnonymisedBatch {
  count: number;
  createdAt: Date | null;
  id: string | null;
  copies: AnswerWithCopies[];
}

/** A run's answers: created before `cutoff`, from `checkedUntil` (the workspace's mark; null: from its first). */
export interface RetentionRange {
  cutoff: Date;
  checkedUntil: Date | null;
}

/** An answer retention has not anonymised yet: it still holds a comment or a link to its person. */
const LINKED = Prisma.sql`(comment IS NOT NULL OR person_id IS NOT NULL OR invitation_id IS NOT NULL)`;

/** The workspace's answers of a run's range that are still linked: created before the cutoff, from the mark. */
function linkedInRange(workspaceId: string, range: RetentionRange): Prisma.Sql {
  const from = range.checkedUntil ? Prisma.sql`AND created_at >= ${range.checkedUntil}` : Prisma.empty;
  return Prisma.sql`workspace_id = ${workspaceId} AND created_at < ${range.cutoff} ${from} AND ${LINKED}`;
}

/** The SQL of one retention batch, inside the caller's transaction. */
@Injectable()
export class RetentionRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The workspaces that set a retention period, with where their last complete run left every answer anonymised. */
  async workspaces(): Promise<Array<{ id: string; retentionMonths: number; checkedUntil: Date | null }>> {
    const rows = await this.prisma.workspace.findMany({
      where: { retentionMonths: { not: null, gt: 0 } },
      select: { id: true, retentionMonths: true, retentionCheckedUntil: true },
    });
    return rows.map((row) => ({ id: row.id, retentionMonths: row.retentionMonths!, checkedUntil: row.retentionCheckedUntil }));
  }

  /**
   * After a whole run: moves the workspace's mark up to the first answer of
   * the run's range still linked (one it skipped as locked), or to the cutoff.
   * Under the workspace row's lock, which a write of back-dated answers also
   * takes (PastAnswerRepository), so such a write either committed before the
   * check below reads, or lowers the mark after this commits. A mark another
   * writer lowered since the run read it stays as it is.
   */
  async advance(workspaceId: string, range: RetentionRange): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const [mark] = await tx.$queryRaw<Array<{ at: Date | null }>>`
        SELECT retention_checked_until AS at FROM workspaces WHERE id = ${workspaceId} FOR NO KEY UPDATE`;
      if (!mark || mark.at?.getTime() !== range.checkedUntil?.getTime()) return;
      const [left] = await tx.$queryRaw<Array<{ at: Date }>>`
        SELECT created_at AS at FROM responses WHERE ${linkedInRange(workspaceId, range)}
        ORDER BY created_at, id LIMIT 1`;
      await tx.$executeRaw`UPDATE workspaces SET retention_checked_until = ${left?.at ?? range.cutoff} WHERE id = ${workspaceId}`;
    });
  }

  /**
   * One batch in one statement: the next `limit` answers past the cutoff that
   * still hold a comment or a link, from `checkedUntil` (before it every answer
   * is anonymised) and after `after` (the lane's previous batch: a run does not
   * walk again over what it has just anonymised, nor the years the runs before
   * it did), locked, skipping any being edited right now (the next run finds
   * those), lose comment and links. The snapshot keeps its keys, since segments
   * of past answers keep counting, but loses string values that mention the
   * person (a `backup_email` property, say): what the person had (email, name,
   * number, external id) and what the person's answers in the batch wrote,
   * matched as `mentions` in redact.ts matches them. Nothing of the batch goes
   * through Node (that was a third of a run's CPU): only how many, where the
   * batch ended, and the identifiers of the answers that have copies to redact
   * (a case, an alert, a webhook body), which are few.
   */
  async anonymiseNext(
    tx: Tx,
    workspaceId: string,
    range: RetentionRange,
    limit: number,
    after: RetentionCursor | null,
    at: Date,
  ): Promise<AnonymisedBatch> {
    const next = after ? Prisma.sql`AND (created_at, id) > (${after.createdAt}, ${after.id})` : Prisma.empty;
    // The planner prices the per-answer subquery of a snapshot that mentions the person as if every snapshot had a
    // hundred keys, which puts the statement over jit_above_cost: compiling it took 1.7 s, for a batch of 30 ms.
    await tx.$executeRaw`SET LOCAL jit = off`;
    const [batch] = await tx.$queryRaw<AnonymisedBatch[]>`
      WITH batch AS MATERIALIZED (
        SELECT id, person_id, comment, person_properties, created_at, coalesce(person_id, '') AS who FROM responses
        WHERE ${linkedInRange(workspaceId, range)} ${next}
        ORDER BY created_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED
      ), people AS MATERIALIZED (
        -- Per person of the batch (the answers without one are a group too): what identifies them as stored, each
        -- person found by its key (a join chose to hash the whole table); comments in the batch's order.
        SELECT g.who, g.person_id, ARRAY[p.email, p.name, p.phone_number, p.external_id] || g.comments AS raw
        FROM (
          SELECT who, min(person_id) AS person_id, coalesce(array_agg(comment) FILTER (WHERE comment IS NOT NULL), '{}') AS comments
          FROM (SELECT who, person_id, comment FROM batch ORDER BY who, created_at, id) b GROUP BY who
        ) g
        LEFT JOIN LATERAL (SELECT email, name, phone_number, external_id FROM people WHERE id = g.person_id LIMIT 1) p ON TRUE
      ), needles AS MATERIALIZED (
        -- folded: the person's values as needles; exact: those and the person's id (mentionedIn reads both). plain:
        -- no needle holds a character that JSON escapes or LIKE reads as more than itself, so anywhere (each needle as
        -- a pattern) can look at a whole snapshot at once without missing one. Set-based: a subquery per person cost
        -- more than the update.
        SELECT who, person_id, ${ofValues(FOLDED)} AS folded,
          ${ofValues(FOLDED)} || ${andId(lowered(Prisma.sql`person_id`))} AS exact,
          ${ofValues(Prisma.sql`'%' || f.v || '%'`)} || ${andId(Prisma.sql`'%' || ${lowered(Prisma.sql`person_id`)} || '%'`)} AS anywhere,
          concat(array_to_string(${ofValues(FOLDED)}, ''), person_id) !~ ${PLAIN} AS plain
        -- OFFSET 0: folded once, not again at each use of f.v.
        FROM people LEFT JOIN LATERAL (SELECT ${fold(Prisma.sql`v`)} AS v FROM unnest(raw) v OFFSET 0) f ON TRUE
        GROUP BY who, person_id
      ), done AS (
        UPDATE responses r SET comment = NULL, person_id = NULL, invitation_id = NULL,
          -- The string values that mention the person go; a snapshot that does not mention them at all stays whole.
          person_properties = CASE
            WHEN jsonb_typeof(b.person_properties) <> 'object' THEN '{}'::jsonb
            WHEN n.plain AND NOT ${lowered(Prisma.sql`b.person_properties::text`)} LIKE ANY(n.anywhere) THEN b.person_properties
            ELSE coalesce((
              SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(b.person_properties) e
              -- A string value lowered once (OFFSET 0: not again at each use), other values kept.
              LEFT JOIN LATERAL (
                SELECT ${lowered(Prisma.sql`e.value #>> '{}'`)} AS l WHERE jsonb_typeof(e.value) = 'string' OFFSET 0
              ) v ON TRUE
              WHERE v.l IS NULL OR NOT ${mentionedIn(Prisma.sql`v.l`)}), '{}'::jsonb)
            END,
          additional_answers = '[]'::jsonb, tags = '{}'::text[], anonymised_at = ${at}, updated_at = ${at}
        FROM batch b JOIN needles n ON n.who = b.who
        WHERE r.id = b.id
        RETURNING r.id, b.created_at, b.who, b.person_id
      ), copied AS (
        SELECT response_id AS id FROM cases WHERE response_id = ANY(ARRAY(SELECT id FROM batch))
        UNION SELECT response_id FROM alerts WHERE response_id = ANY(ARRAY(SELECT id FROM batch))
        UNION SELECT response_id FROM webhook_deliveries WHERE response_id = ANY(ARRAY(SELECT id FROM batch))
      )
      SELECT (SELECT count(*) FROM done)::int AS count, last."createdAt", last.id,
        (SELECT coalesce(jsonb_agg(jsonb_build_object('id', d.id, 'personId', d.person_id, 'values', p.raw)), '[]'::jsonb)
           FROM done d JOIN people p ON p.who = d.who WHERE d.id IN (SELECT id FROM copied)) AS copies
      FROM (SELECT 1) one
      LEFT JOIN LATERAL (SELECT created_at AS "createdAt", id FROM done ORDER BY created_at DESC, id DESC LIMIT 1) last ON TRUE`;
    return batch;
  }

  /**
   * Their cases lose the person; notes lose the person's identifiers and
   * quotes of what they wrote; alert details likewise. Read for the whole
   * batch at once; only what redaction changes is written.
   */
  async casesAndAlerts(tx: Tx, idsOf: ReadonlyMap<string, Identifiers>): Promise<void> {
    const responseIds = [...idsOf.keys()];
    if (!responseIds.length) return;
    const cases = await tx.case.findMany({ where: { responseId: { in: responseIds } }, select: { id: true, responseId: true } });
    if (cases.length) {
      const answerOf = new Map(cases.map((c) => [c.id, c.responseId]));
      await tx.case.updateMany({ where: { id: { in: [...answerOf.keys()] }, personId: { not: null } }, data: { personId: null } });
      for (const note of await tx.caseNote.findMany({ where: { caseId: { in: [...answerOf.keys()] } } })) {
        const body = redactText(note.body, idsOf.get(answerOf.get(note.caseId)!)!);
        if (body !== note.body) await tx.caseNote.update({ where: { id: note.id }, data: { body } });
      }
    }
    for (const alert of await tx.alert.findMany({ where: { responseId: { in: responseIds } } })) {
      const details = redactJson(alert.details, idsOf.get(alert.responseId!)!);
      if (JSON.stringify(details) !== JSON.stringify(alert.details)) {
        await tx.alert.update({ where: { id: alert.id }, data: { details: details as Prisma.InputJsonValue } });
      }
    }
  }
}
