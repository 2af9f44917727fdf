import { Injectable } from '@nestjs/common';
import { Tx, Prisma } from '@cairn/database';
import { filterSnapshot, Identifiers, redactJson, redactStored, redactText } from './redact';

const json = (value: unknown) => value as Prisma.InputJsonValue;

/** The SQL of one erasure, every step inside the caller's transaction. */
@Injectable()
export class ErasureRepository {
  async lockPerson(tx: Tx, workspaceId: string, personId: string) {
    const rows = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM people WHERE id = ${personId} AND workspace_id = ${workspaceId} AND erased_at IS NULL FOR UPDATE`;
    return rows.length ? tx.person.findUniqueOrThrow({ where: { id: personId } }) : null;
  }

  /** Pending surveys are cancelled and every link in sent emails stops working. */
  async invitations(tx: Tx, personId: string) {
    const rows = await tx.invitation.findMany({ where: { personId }, select: { id: true } });
    const ids = rows.map((r) => r.id);
    await tx.invitationToken.deleteMany({ where: { invitationId: { in: ids } } });
    const cancelled = await tx.invitation.updateMany({
      where: { personId, status: { in: ['scheduled', 'sending'] } },
      data: { status: 'cancelled', reason: 'erased' },
    });
    // SMTP errors quote the address.
    await tx.invitation.updateMany({ where: { personId }, data: { lastError: null, reminderDueAt: null } });
    return { ids, cancelled: cancelled.count };
  }

  /** Scores stay (and keep counting); who gave them, and what they wrote, goes. Returns what was written, to find its copies. */
  async responses(tx: Tx, personId: string, invitationIds: string[], ids: Identifiers, at: Date) {
    const rows = await tx.response.findMany({
      where: { OR: [{ personId }, { invitationId: { in: invitationIds } }] },
      select: { id: true, comment: true, personProperties: true },
    });
    for (const row of rows) {
      await tx.response.update({
        where: { id: row.id },
        data: {
          personId: null,
          invitationId: null,
          comment: null,
          personProperties: json(filterSnapshot(row.personProperties, ids)),
          // What they wrote to additional questions goes with their comment; tags may name them too.
          additionalAnswers: [],
          tags: [],
          anonymisedAt: at,
        },
      });
    }
    return rows.map((r) => ({ id: r.id, comment: r.comment }));
  }

  async events(tx: Tx, personId: string): Promise<void> {
    // Idempotency keys are caller-chosen and may embed the address.
    await tx.$executeRaw`
      UPDATE events SET idempotency_key = 'erased:' || encode(sha256(convert_to(idempotency_key, 'UTF8')), 'hex')
      WHERE person_id = ${personId} AND idempotency_key IS NOT NULL AND idempotency_key NOT LIKE 'erased:%'`;
    await tx.event.updateMany({ where: { personId }, data: { personId: null, properties: {} } });
  }

  async cases(tx: Tx, personId: string, responseIds: string[], ids: Identifiers): Promise<void> {
    const cases = await tx.case.findMany({ where: { OR: [{ personId }, { responseId: { in: responseIds } }] }, select: { id: true } });
    const caseIds = cases.map((c) => c.id);
    await tx.case.updateMany({ where: { id: { in: caseIds } }, data: { personId: null } });
    for (const note of await tx.caseNote.findMany({ where: { caseId: { in: caseIds } } })) {
      const body = redactText(note.body, ids);
      if (body !== note.body) await tx.caseNote.update({ where: { id: note.id }, data: { body } });
    }
    for (const alert of await tx.alert.findMany({ where: { responseId: { in: responseIds } } })) {
      await tx.alert.update({ where: { id: alert.id }, data: { details: json(redactJson(alert.details, ids)) } });
    }
  }

  /** Outbox rows are meant to carry ids only; this catches any that did not. */
  async outbox(tx: Tx, workspaceId: string, needles: string[], ids: Identifiers): Promise<void> {
    const rows = await tx.$queryRaw<Array<{ seq: bigint; payload: unknown }>>`
      SELECT seq, payload FROM outbox_events
      WHERE workspace_id = ${workspaceId} AND EXISTS (SELECT 1 FROM unnest(${needles}::text[]) n WHERE payload::text ILIKE '%' || n || '%')`;
    for (const row of rows) {
      await tx.outboxEvent.update({
        where: { seq: row.seq },
        data: { payload: json(redactStored(row.payload, { ...ids, matchPersonId: false })) },
      });
    }
  }

  /** The address survives only as this hash, so it is never surveyed again. */
  async suppress(tx: Tx, workspaceId: string, emailHash: string): Promise<void> {
    await tx.suppression.upsert({
      where: { workspaceId_emailHash: { workspaceId, emailHash } },
      create: { workspaceId, emailHash, email: null, reason: 'erased' },
      update: { email: null, reason: 'erased', detail: null },
    });
    // Delivery reports about the address (and its domain) go too: the suppression above is all that stays.
    await tx.bounce.deleteMany({ where: { workspaceId, emailHash } });
  }

  async blankPerson(tx: Tx, personId: string, at: Date): Promise<void> {
    await tx.person.update({
      where: { id: personId },
      data: { email: null, emailHash: null, externalId: null, phoneNumber: null, name: null, locale: null, properties: {}, erasedAt: at },
    });
  }
}
