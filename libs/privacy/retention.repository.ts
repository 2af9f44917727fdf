import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService, Tx } from '@cairn/database';
import { Identifiers, mentions, redactJson, redactText } from './redact';

export interface ExpiredResponse {
  id: string;
  personId: string | null;
  comment: string | null;
  personProperties: unknown;
  createdAt: Date;
}

/** Where a run's previous batch ended, in the order batches walk (created_at, id). */
export type RetentionCursor = Pick<ExpiredResponse, 'createdAt' | 'id'>;

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
   * Answers past the cutoff that still hold a comment or a link, from
   * `checkedUntil` (before it every answer is anonymised) and after `after`
   * (the previous batch's last): each batch starts where the last ended, so a
   * run does not walk again over the answers it has just anonymised (from the
   * start each time that made a month of a large workspace quadratic), and a
   * run does not walk the years anonymised by the runs before it. Locked,
   * skipping any being edited right now; the next run finds those.
   */
  expired(tx: Tx, workspaceId: string, range: RetentionRange, limit: number, after: RetentionCursor | null) {
    const next = after ? Prisma.sql`AND (created_at, id) > (${after.createdAt}, ${after.id})` : Prisma.empty;
    return tx.$queryRaw<ExpiredResponse[]>`
      SELECT id, person_id AS "personId", comment, person_properties AS "personProperties", created_at AS "createdAt" FROM responses
      WHERE ${linkedInRange(workspaceId, range)} ${next}
      ORDER BY created_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
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

  people(tx: Tx, ids: string[]) {
    return tx.person.findMany({
      where: { id: { in: ids } },
      select: { id: true, email: true, name: true, phoneNumber: true, externalId: true },
    });
  }

  /**
   * Comment and links go, in one statement for the whole batch. The snapshot
   * keeps its keys, since segments of past answers keep counting, but loses
   * values that are the person's own identifiers (a `backup_email` property,
   * say). `idsOf` holds each answer's identifiers.
   */
  async anonymise(tx: Tx, rows: ExpiredResponse[], idsOf: ReadonlyMap<string, Identifiers>, at: Date): Promise<void> {
    if (!rows.length) return;
    const kept = rows.map((row) => {
      const snapshot = isRecord(row.personProperties) ? row.personProperties : {};
      const ids = idsOf.get(row.id)!;
      return JSON.stringify(Object.fromEntries(Object.entries(snapshot).filter(([, v]) => !(typeof v === 'string' && mentions(v, ids)))));
    });
    await tx.$executeRaw`
      UPDATE responses r SET comment = NULL, person_id = NULL, invitation_id = NULL, person_properties = v.kept,
        additional_answers = '[]'::jsonb, tags = '{}'::text[], anonymised_at = ${at}, updated_at = ${at}
      FROM unnest(${rows.map((row) => row.id)}::text[], ${kept}::text[]::jsonb[]) AS v(id, kept)
      WHERE r.id = v.id`;
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
