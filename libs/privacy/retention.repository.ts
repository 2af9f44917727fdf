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

/** The SQL of one retention batch, inside the caller's transaction. */
@Injectable()
export class RetentionRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The workspaces that set a retention period. */
  async workspaces(): Promise<Array<{ id: string; retentionMonths: number }>> {
    const rows = await this.prisma.workspace.findMany({
      where: { retentionMonths: { not: null, gt: 0 } },
      select: { id: true, retentionMonths: true },
    });
    return rows.map((row) => ({ id: row.id, retentionMonths: row.retentionMonths! }));
  }

  /**
   * Answers past the cutoff that still hold a comment or a link, after `after`
   * (the previous batch's last): each batch starts where the last ended, so a
   * run does not walk again over the answers it has just anonymised (from the
   * start each time that made a month of a large workspace quadratic). Locked,
   * skipping any being edited right now; the next run finds those.
   */
  expired(tx: Tx, workspaceId: string, cutoff: Date, limit: number, after: RetentionCursor | null) {
    const next = after ? Prisma.sql`AND (created_at, id) > (${after.createdAt}, ${after.id})` : Prisma.empty;
    return tx.$queryRaw<ExpiredResponse[]>`
      SELECT id, person_id AS "personId", comment, person_properties AS "personProperties", created_at AS "createdAt" FROM responses
      WHERE workspace_id = ${workspaceId} AND created_at < ${cutoff} ${next}
        AND (comment IS NOT NULL OR person_id IS NOT NULL OR invitation_id IS NOT NULL)
      ORDER BY created_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
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
