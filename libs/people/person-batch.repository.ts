import { Injectable } from '@nestjs/common';
import { emailHash, normalizeEmail } from '@cairn/common';
import { Tx } from '@cairn/database';
import { personUpsertError, type PersonInput } from './person.repository';

/** Who a stored person is to a batch: their id and properties after the upsert. */
export interface UpsertedPerson {
  id: string;
  email: string;
  locale: string | null;
  properties: Record<string, unknown>;
}

/**
 * Many people by address in one statement (imports of history): the same
 * merge as PersonRepository.upsertByEmail (name, locale and externalId kept
 * when not given, properties merged, a key set to null removed), for
 * thousands of addresses without a round trip each.
 */
@Injectable()
export class PersonBatchRepository {
  /**
   * Inputs for one address are merged in order first (a later value wins), as
   * if upserted one after the other. Rows are written in address order, so
   * two batches touching the same people lock them in the same order.
   * `newId` gives each new address its id (uuid7); existing people keep theirs.
   */
  async upsertManyByEmail(tx: Tx, workspaceId: string, inputs: PersonInput[], newId: () => string): Promise<Map<string, UpsertedPerson>> {
    const merged = new Map<string, PersonInput>();
    for (const input of inputs) {
      const email = normalizeEmail(input.email);
      const before = merged.get(email);
      merged.set(email, {
        email,
        externalId: input.externalId ?? before?.externalId ?? null,
        name: input.name ?? before?.name ?? null,
        locale: input.locale ?? before?.locale ?? null,
        properties: { ...(before?.properties ?? {}), ...(input.properties ?? {}) },
      });
    }
    const rows = [...merged.values()].sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
    if (!rows.length) return new Map();
    try {
      const people = await tx.$queryRaw<UpsertedPerson[]>`
        WITH input AS (
          SELECT * FROM unnest(${rows.map(() => newId())}::text[], ${rows.map((r) => r.email)}::text[],
            ${rows.map((r) => emailHash(r.email))}::text[], ${rows.map((r) => r.externalId ?? null)}::text[],
            ${rows.map((r) => r.name ?? null)}::text[], ${rows.map((r) => r.locale ?? null)}::text[],
            ${rows.map((r) => JSON.stringify(r.properties ?? {}))}::jsonb[])
            WITH ORDINALITY AS x(id, email, email_hash, external_id, name, locale, properties, n))
        INSERT INTO people AS p (id, workspace_id, email, email_hash, external_id, name, locale, properties, updated_at)
        SELECT id, ${workspaceId}, email, email_hash, external_id, name, locale, jsonb_strip_nulls(properties),
          now() AT TIME ZONE 'UTC'
        FROM input ORDER BY n
        ON CONFLICT (workspace_id, email) DO UPDATE SET
          external_id = COALESCE(EXCLUDED.external_id, p.external_id),
          name = COALESCE(EXCLUDED.name, p.name),
          locale = COALESCE(EXCLUDED.locale, p.locale),
          -- The input's own map, nulls included (EXCLUDED holds it stripped): a null removes the stored key.
          properties = jsonb_strip_nulls(p.properties || (SELECT i.properties FROM input i WHERE i.email = EXCLUDED.email)),
          email_hash = EXCLUDED.email_hash,
          updated_at = now() AT TIME ZONE 'UTC'
        RETURNING p.id, p.email, p.locale, p.properties`;
      return new Map(people.map((person) => [person.email, person]));
    } catch (error) {
      throw personUpsertError(error);
    }
  }

  /**
   * The addresses among these whose person was erased here (the suppression
   * list keeps only their hash): history about them must not bring them back.
   */
  async erasedEmails(tx: Tx, workspaceId: string, emails: string[]): Promise<Set<string>> {
    const byHash = new Map(emails.map((email) => [emailHash(email), normalizeEmail(email)]));
    if (!byHash.size) return new Set();
    const rows = await tx.$queryRaw<Array<{ emailHash: string }>>`
      SELECT email_hash AS "emailHash" FROM suppressions
      WHERE workspace_id = ${workspaceId} AND reason = 'erased' AND email_hash = ANY(${[...byHash.keys()]}::text[])`;
    return new Set(rows.map((row) => byHash.get(row.emailHash)!));
  }

  /** Which addresses hold these external ids in the workspace (a batch must not give one to another address). */
  async externalIdOwners(tx: Tx, workspaceId: string, externalIds: string[]): Promise<Map<string, string | null>> {
    if (!externalIds.length) return new Map();
    const rows = await tx.$queryRaw<Array<{ externalId: string; email: string | null }>>`
      SELECT external_id AS "externalId", email FROM people
      WHERE workspace_id = ${workspaceId} AND external_id = ANY(${externalIds}::text[])`;
    return new Map(rows.map((row) => [row.externalId, row.email]));
  }

  /**
   * Imported people keep the numeric id they had in Delighted (compat_id, what Delighted's API shows). An id another person of the workspace holds already is left alone
   * (the person keeps the one it has); returns how many were set.
   */
  async keepCompatIds(tx: Tx, workspaceId: string, pairs: Array<{ personId: string; compatId: bigint }>): Promise<number> {
    if (!pairs.length) return 0;
    return tx.$executeRaw`
      UPDATE people p SET compat_id = x.compat_id
      FROM unnest(${pairs.map((pair) => pair.personId)}::text[], ${pairs.map((pair) => pair.compatId.toString())}::bigint[])
        AS x(person_id, compat_id)
      WHERE p.id = x.person_id AND p.workspace_id = ${workspaceId} AND p.compat_id <> x.compat_id
        AND NOT EXISTS (SELECT 1 FROM people o WHERE o.workspace_id = ${workspaceId} AND o.compat_id = x.compat_id)`;
  }
}
