import { Injectable } from '@nestjs/common';
import { Prisma, Tx } from '@cairn/database';
import { Identifiers, redactText } from './redact';
import { redactStoredBody } from './stored-body';

/**
 * The copies of answers and people that webhooks keep: each delivery's stored
 * body (sent again on retries, so a delivery still pending sends the redacted
 * body) and what receivers answered or failed with. Shared by erasure and
 * retention, inside the caller's transaction.
 */
@Injectable()
export class WebhookCopiesRepository {
  /**
   * Redacts the deliveries of a workspace that describe one of `responseIds`
   * (found by the indexed response_id) or whose body mentions a needle.
   */
  async redact(tx: Tx, workspaceId: string, find: { responseIds: string[]; needles?: string[] }, ids: Identifiers): Promise<number> {
    const rows = new Map<string, unknown>();
    const byResponse = find.responseIds.length
      ? await tx.$queryRaw<Array<{ id: string; payload: unknown }>>`
          SELECT d.id, d.payload FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
          WHERE d.response_id = ANY(${find.responseIds}::text[]) AND e.workspace_id = ${workspaceId}`
      : [];
    // Bodies about the person but no response (person.unsubscribed in Delighted's format): a scan, erasure only.
    const byNeedle = find.needles?.length
      ? await tx.$queryRaw<Array<{ id: string; payload: unknown }>>`
          SELECT d.id, d.payload FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
          WHERE e.workspace_id = ${workspaceId} AND EXISTS (SELECT 1 FROM unnest(${find.needles}::text[]) n WHERE d.payload::text ILIKE '%' || n || '%')`
      : [];
    for (const row of [...byResponse, ...byNeedle]) rows.set(row.id, row.payload);
    await this.rewrite(
      tx,
      [...rows].map(([id, payload]) => ({ id, payload, ids })),
      new Set(find.responseIds),
    );
    return rows.size;
  }

  /**
   * Retention's batch: the deliveries describing any of the answers (one
   * look-up for all), each redacted with its own answer's identifiers.
   */
  async redactAnswers(tx: Tx, workspaceId: string, idsOf: ReadonlyMap<string, Identifiers>): Promise<number> {
    const responseIds = [...idsOf.keys()];
    if (!responseIds.length) return 0;
    const rows = await tx.$queryRaw<Array<{ id: string; payload: unknown; responseId: string }>>`
      SELECT d.id, d.payload, d.response_id AS "responseId" FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
      WHERE d.response_id = ANY(${responseIds}::text[]) AND e.workspace_id = ${workspaceId}`;
    await this.rewrite(
      tx,
      rows.map((row) => ({ id: row.id, payload: row.payload, ids: idsOf.get(row.responseId)! })),
      new Set(responseIds),
    );
    return rows.length;
  }

  /** Each delivery's stored body, then what receivers answered to it, redacted with that delivery's identifiers. */
  private async rewrite(tx: Tx, rows: Array<{ id: string; payload: unknown; ids: Identifiers }>, responses: ReadonlySet<string>) {
    for (const row of rows) {
      await tx.webhookDelivery.update({
        where: { id: row.id },
        data: { payload: redactStoredBody(row.payload, row.ids, responses) as Prisma.InputJsonValue },
      });
    }
    const idsOf = new Map(rows.map((row) => [row.id, row.ids]));
    const attempts = idsOf.size ? await tx.webhookAttempt.findMany({ where: { deliveryId: { in: [...idsOf.keys()] } } }) : [];
    for (const attempt of attempts) {
      const ids = idsOf.get(attempt.deliveryId)!;
      // Receivers' answers are free text (often cut-off JSON echoing the body): the person's id is looked for inside it too.
      const inText: Identifiers = ids.matchPersonId === false ? ids : { ...ids, values: [...ids.values, ids.personId] };
      const responseBody = attempt.responseBody && redactText(attempt.responseBody, inText);
      const error = attempt.error && redactText(attempt.error, inText);
      if (responseBody !== attempt.responseBody || error !== attempt.error) {
        await tx.webhookAttempt.update({ where: { id: attempt.id }, data: { responseBody, error } });
      }
    }
  }
}
