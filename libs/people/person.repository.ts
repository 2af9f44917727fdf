import { ConflictException, Injectable } from '@nestjs/common';
import { emailHash, normalizeEmail } from '@cairn/common';
import { Prisma, PrismaService, Tx } from '@cairn/database';
import type { Person } from '@cairn/database';

export interface PersonInput {
  email: string;
  externalId?: string | null;
  name?: string | null;
  locale?: string | null;
  /** E.164 (validated and normalised by the DTO); undefined or null keeps the stored number. */
  phone?: string | null;
  /** Merged into the stored properties; a key set to null is removed. */
  properties?: Record<string, unknown> | null;
}

const PERSON_COLUMNS = `id, workspace_id AS "workspaceId", email, email_hash AS "emailHash", external_id AS "externalId",
  phone_number AS "phoneNumber", name, locale, properties, unsubscribed_at AS "unsubscribedAt",
  last_surveyed_at AS "lastSurveyedAt", erased_at AS "erasedAt", created_at AS "createdAt", updated_at AS "updatedAt",
  compat_id AS "compatId"`;

// upsertPersonStatement's text, made once (POST /events runs it per event): with and without the row back.
const upsertPersonText = (
  returning: string,
) => `INSERT INTO people (id, workspace_id, email, email_hash, external_id, name, locale, properties, phone_number, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, jsonb_strip_nulls($8::jsonb), $9, now() AT TIME ZONE 'UTC')
         ON CONFLICT (workspace_id, email) DO UPDATE SET
           external_id = COALESCE(EXCLUDED.external_id, people.external_id),
           name = COALESCE(EXCLUDED.name, people.name),
           locale = COALESCE(EXCLUDED.locale, people.locale),
           phone_number = COALESCE(EXCLUDED.phone_number, people.phone_number),
           properties = jsonb_strip_nulls(people.properties || $8::jsonb),
           email_hash = EXCLUDED.email_hash,
           updated_at = now() AT TIME ZONE 'UTC'
         ${returning}`;
const UPSERT_PERSON = { row: upsertPersonText(`RETURNING ${PERSON_COLUMNS}`), nothing: upsertPersonText('') };

/**
 * The one upsert of a person by address, as a statement and its values: the
 * repository below runs it through the ORM, POST /events sends it with the
 * event's other statements in one round trip (EventIntakeRepository). The
 * person's row stays locked until the transaction ends, so decisions about
 * this person (throttling) are taken one transaction at a time. The intake
 * reads the person again in its next statement and asks for no row back
 * (`returning: 'nothing'`): fifteen columns parsed per event and dropped cost
 * the API and Postgres more than the statement's answer is worth.
 */
export function upsertPersonStatement(
  workspaceId: string,
  input: PersonInput,
  id: string,
  returning: 'row' | 'nothing' = 'row',
): { text: string; values: unknown[] } {
  const email = normalizeEmail(input.email);
  return {
    text: UPSERT_PERSON[returning],
    values: [
      id,
      workspaceId,
      email,
      emailHash(email),
      input.externalId ?? null,
      input.name ?? null,
      input.locale ?? null,
      JSON.stringify(input.properties ?? {}),
      input.phone ?? null,
    ],
  };
}

/**
 * The upsert of a person known by phone number only (an event with `phone` and
 * no `email`), with upsertPersonStatement's values ($3 and $4 unused): the
 * live person with that number — one without an address first, else the
 * oldest — is updated, or else a person without an address is created. Run
 * after PHONE_LOCK_STATEMENT in the same transaction, so two events of a new
 * number create one person. Only the intake runs it, and it reads the person
 * again in its next statement: the statement answers with the id alone.
 */
export function upsertPersonByPhoneStatement(
  workspaceId: string,
  input: EventPersonInput,
  id: string,
): { text: string; values: unknown[] } {
  return {
    text: `WITH found AS (
           SELECT id FROM people WHERE workspace_id = $2 AND phone_number = $9 AND erased_at IS NULL
           ORDER BY (email IS NOT NULL), created_at, id LIMIT 1 FOR UPDATE),
         upd AS (
           UPDATE people SET external_id = COALESCE($5, external_id), name = COALESCE($6, name), locale = COALESCE($7, locale),
             properties = jsonb_strip_nulls(properties || $8::jsonb), updated_at = now() AT TIME ZONE 'UTC'
           WHERE id = (SELECT id FROM found)
           RETURNING id),
         ins AS (
           INSERT INTO people (id, workspace_id, external_id, name, locale, properties, phone_number, updated_at)
           SELECT $1, $2, $5, $6, $7, jsonb_strip_nulls($8::jsonb), $9, now() AT TIME ZONE 'UTC'
           WHERE NOT EXISTS (SELECT 1 FROM found)
           RETURNING id)
         SELECT id FROM upd UNION ALL SELECT id FROM ins`,
    values: [
      id,
      workspaceId,
      null,
      null,
      input.externalId ?? null,
      input.name ?? null,
      input.locale ?? null,
      JSON.stringify(input.properties ?? {}),
      input.phone!,
    ],
  };
}

/**
 * Serialises the people-by-number writes of one workspace and number ($1, $2) for the transaction: the same lock
 * the Delighted API's phone-only people take.
 */
export const PHONE_LOCK_STATEMENT = `SELECT pg_advisory_xact_lock(hashtext('phone:' || $1 || ':' || $2))`;

/** A person as an event names them: by address, or by number only (email omitted, phone given). */
export type EventPersonInput = Omit<PersonInput, 'email'> & { email?: string };

/** What a failed upsert means to the caller: another person's externalId is a 409; anything else stays as it was. */
export function personUpsertError(error: unknown): unknown {
  return isUniqueViolation(error, 'external_id')
    ? new ConflictException('person.externalId already belongs to another person in this workspace')
    : error;
}

/** Writes of people by address; the row comes back locked for the rest of the transaction. */
@Injectable()
export class PersonRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Inserts or updates the person with this address in one statement. The row
   * stays locked until the transaction ends, so decisions about this person
   * (throttling) are taken one transaction at a time.
   */
  async upsertByEmail(tx: Tx, workspaceId: string, input: PersonInput, id: string): Promise<Person> {
    const { text, values } = upsertPersonStatement(workspaceId, input, id);
    try {
      const rows = await tx.$queryRawUnsafe<Person[]>(text, ...values);
      return rows[0];
    } catch (error) {
      throw personUpsertError(error);
    }
  }

  /** Locks the row for the rest of the transaction and returns it fresh. */
  async lock(tx: Tx, id: string): Promise<Person | null> {
    const rows = await tx.$queryRawUnsafe<Person[]>(`SELECT ${PERSON_COLUMNS} FROM people WHERE id = $1 FOR UPDATE`, id);
    return rows[0] ?? null;
  }

  /**
   * Locks a live (not erased) person of the workspace; false when there is none.
   * Locks the row only, so callers re-read it with findById.
   */
  async lockInWorkspace(tx: Tx, workspaceId: string, id: string): Promise<boolean> {
    const rows = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM people WHERE id = ${id} AND workspace_id = ${workspaceId} AND erased_at IS NULL FOR UPDATE`;
    return rows.length > 0;
  }

  /** The first live person of the workspace matching `where` (id or address), locked and read again. */
  async lockFirst(tx: Tx, workspaceId: string, where: Prisma.PersonWhereInput): Promise<Person | null> {
    const person = await tx.person.findFirst({ where: { workspaceId, erasedAt: null, ...where }, select: { id: true } });
    if (!person) return null;
    await tx.$queryRaw`SELECT id FROM people WHERE id = ${person.id} FOR UPDATE`;
    return tx.person.findUniqueOrThrow({ where: { id: person.id } });
  }

  /** Name, locale and phone number replace; undefined leaves a column as it is. */
  update(
    tx: Tx,
    id: string,
    data: { name?: string | null; locale?: string | null; phoneNumber?: string; properties?: Record<string, unknown> },
  ) {
    return tx.person.update({ where: { id }, data: { ...data, properties: data.properties as Prisma.InputJsonObject | undefined } });
  }

  async markUnsubscribed(tx: Tx, id: string, at: Date): Promise<void> {
    await tx.person.update({ where: { id }, data: { unsubscribedAt: at } });
  }

  findById(id: string, db: Tx | PrismaService = this.prisma) {
    return db.person.findUnique({ where: { id } });
  }

  findByEmail(workspaceId: string, email: string, db: Tx | PrismaService = this.prisma) {
    return db.person.findUnique({ where: { workspaceId_email: { workspaceId, email: normalizeEmail(email) } } });
  }
}

function isUniqueViolation(error: unknown, column: string): boolean {
  const text = `${(error as Error)?.message ?? ''} ${JSON.stringify((error as { meta?: unknown })?.meta ?? {})}`;
  return /23505|unique/i.test(text) && text.includes(column);
}
