import { Injectable } from '@nestjs/common';
import { emailHash, normalizeEmail } from '@cairn/common';
import type { Person, Survey } from '@cairn/database';
import { Prisma } from '@cairn/database';
import { PrismaService } from '@cairn/database';
import { uuid7 } from '@cairn/distribution';
import { mergeProperties } from '@cairn/people';
import { emailWhere } from '@cairn/people';
import { DelightedValidationError } from './delighted-errors';
import type { PersonRequest } from './delighted-person.request';

/** The writes of POST /people.json that the events path has no equivalent for. */
@Injectable()
export class DelightedPersonWriter {
  constructor(private readonly prisma: PrismaService) {}

  /** `email_update`: the person keeps id, history and properties under the new address. */
  async changeEmail(workspaceId: string, from: string, to: string): Promise<void> {
    if (normalizeEmail(from) === normalizeEmail(to)) return;
    await this.prisma.$transaction(async (tx) => {
      const person = await tx.person.findFirst({ where: { workspaceId, erasedAt: null, ...emailWhere(from) } });
      if (!person) return;
      if (await tx.person.findFirst({ where: { workspaceId, ...emailWhere(to) } })) {
        throw new DelightedValidationError({ email_update: ['has already been taken'] });
      }
      await tx.person.update({ where: { id: person.id }, data: { email: normalizeEmail(to), emailHash: emailHash(to) } });
    });
  }

  /** A person known only by phone number (Delighted's SMS channel): stored, never texted. */
  async upsertByPhone(workspaceId: string, req: PersonRequest): Promise<Person> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`phone:${workspaceId}:${req.phoneNumber}`}))`;
      const existing = await tx.person.findFirst({ where: { workspaceId, erasedAt: null, phoneNumber: req.phoneNumber } });
      const properties = mergeProperties(existing?.properties, req.properties ?? {}) as Prisma.InputJsonObject;
      if (existing) {
        return tx.person.update({
          where: { id: existing.id },
          data: { name: req.name ?? undefined, locale: req.locale ?? undefined, properties },
        });
      }
      return tx.person.create({
        data: { id: uuid7(), workspaceId, phoneNumber: req.phoneNumber, name: req.name, locale: req.locale, properties },
      });
    });
  }

  async setPhone(workspaceId: string, email: string, phoneNumber: string): Promise<void> {
    await this.prisma.person.updateMany({ where: { workspaceId, erasedAt: null, ...emailWhere(email) }, data: { phoneNumber } });
  }

  /**
   * `last_sent_at`: a survey Delighted sent before the move, kept as a sent
   * invitation so throttling counts it exactly like one Cairn sent. It has no
   * tokens (no link to answer) and is recorded once per person and time.
   */
  async recordPastSend(personId: string, survey: Pick<Survey, 'id' | 'workspaceId' | 'expiresAfterSeconds'>, sentAt: Date): Promise<void> {
    const known = await this.prisma.invitation.findFirst({ where: { personId, sentAt: { gte: sentAt } }, select: { id: true } });
    if (known) return;
    await this.prisma.invitation.create({
      data: {
        id: uuid7(sentAt.getTime()),
        workspaceId: survey.workspaceId,
        surveyId: survey.id,
        personId,
        status: 'sent',
        reason: 'sent_by_delighted',
        scheduledFor: sentAt,
        sentAt,
        expiresAt: new Date(sentAt.getTime() + survey.expiresAfterSeconds * 1000),
      },
    });
  }
}
