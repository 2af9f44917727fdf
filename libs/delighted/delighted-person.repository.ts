import { Injectable } from '@nestjs/common';
import { Person, Prisma, PrismaService, Tx } from '@cairn/database';
import { emailWhere } from '@cairn/people';
import type { RowRef } from './delighted-ids';

/**
 * Writes of people that only Delighted's POST /people.json makes: people
 * known by phone number alone, a change of address, a phone number added.
 * People by address are PersonRepository's.
 */
@Injectable()
export class DelightedPersonRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Held to the end of the transaction: two requests for one new number must not create two people. */
  async lockPhone(tx: Tx, workspaceId: string, phoneNumber: string): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`phone:${workspaceId}:${phoneNumber}`}))`;
  }

  /** The live person with this number that POST /api/v1/events picks: one without an address first, else the oldest. */
  async findByPhone(tx: Tx | PrismaService, workspaceId: string, phoneNumber: string): Promise<Person | null> {
    const [row] = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM people WHERE workspace_id = ${workspaceId} AND phone_number = ${phoneNumber} AND erased_at IS NULL
      ORDER BY (email IS NOT NULL), created_at, id LIMIT 1`;
    return row ? tx.person.findUnique({ where: { id: row.id } }) : null;
  }

  findPersonByPhone(workspaceId: string, phoneNumber: string): Promise<Person | null> {
    return this.findByPhone(this.prisma, workspaceId, phoneNumber);
  }

  createByPhone(
    tx: Tx,
    row: { id: string; workspaceId: string; phoneNumber: string; name?: string | null; locale?: string | null; properties: object },
  ): Promise<Person> {
    return tx.person.create({ data: { ...row, properties: row.properties as Prisma.InputJsonObject } });
  }

  /** `undefined` leaves a field as it is. */
  update(tx: Tx, id: string, change: { name?: string; locale?: string; properties: object }): Promise<Person> {
    return tx.person.update({ where: { id }, data: { ...change, properties: change.properties as Prisma.InputJsonObject } });
  }

  /** Whether anyone in the workspace has this address, erased people included. */
  async emailTaken(tx: Tx, workspaceId: string, email: string): Promise<boolean> {
    return (await tx.person.findFirst({ where: { workspaceId, ...emailWhere(email) } })) !== null;
  }

  async setEmail(tx: Tx, id: string, email: string, emailHash: string): Promise<void> {
    await tx.person.update({ where: { id }, data: { email, emailHash } });
  }

  setPhone(tx: Tx, id: string, phoneNumber: string): Promise<Person> {
    return tx.person.update({ where: { id }, data: { phoneNumber } });
  }

  /** A person named by compat id or Cairn id (erased people are not found). */
  findByRef(workspaceId: string, ref: RowRef) {
    if (!ref) return Promise.resolve(null);
    return this.prisma.person.findFirst({ where: { ...ref, workspaceId, erasedAt: null } });
  }

  /** Compat ids of these people (by Cairn id). */
  async compatIds(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.prisma.person.findMany({ where: { id: { in: ids } }, select: { id: true, compatId: true } });
    return new Map(rows.map((row) => [row.id, row.compatId.toString()]));
  }

  async setPhoneByEmail(workspaceId: string, email: string, phoneNumber: string): Promise<void> {
    await this.prisma.person.updateMany({ where: { workspaceId, erasedAt: null, ...emailWhere(email) }, data: { phoneNumber } });
  }
}
