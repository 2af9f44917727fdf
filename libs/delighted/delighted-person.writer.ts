import { Injectable } from '@nestjs/common';
import { emailHash, normalizeEmail } from '@cairn/common';
import type { Person, Survey } from '@cairn/database';
import { TransactionRunner } from '@cairn/database';
import { uuid7 } from '@cairn/common';
import { InvitationRepository } from '@cairn/distribution';
import { mergeProperties, PersonQueryRepository } from '@cairn/people';
import { DelightedValidationError } from './delighted-errors';
import { DelightedPersonRepository } from './delighted-person.repository';
import type { PersonRequest } from './delighted-person.request';

/** The writes of POST /people.json that the events path has no equivalent for. */
@Injectable()
export class DelightedPersonWriter {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly people: DelightedPersonRepository,
    private readonly personQueries: PersonQueryRepository,
    private readonly invitations: InvitationRepository,
  ) {}

  /** `email_update`: the person keeps id, history and properties under the new address. */
  async changeEmail(workspaceId: string, from: string, to: string): Promise<void> {
    if (normalizeEmail(from) === normalizeEmail(to)) return;
    await this.transactions.run(async (tx) => {
      const person = await this.personQueries.findByEmail(workspaceId, from, tx);
      if (!person) return;
      if (await this.people.emailTaken(tx, workspaceId, to)) {
        throw new DelightedValidationError({ email_update: ['has already been taken'] });
      }
      await this.people.setEmail(tx, person.id, normalizeEmail(to), emailHash(to));
    });
  }

  /** A person known only by phone number (Delighted's SMS channel): stored, never texted. */
  async upsertByPhone(workspaceId: string, req: PersonRequest): Promise<Person> {
    // Only called without an address, so the request has a phone number (parsePersonRequest insists on one of them).
    const phoneNumber = req.phoneNumber!;
    return this.transactions.run(async (tx) => {
      await this.people.lockPhone(tx, workspaceId, phoneNumber);
      const existing = await this.people.findByPhone(tx, workspaceId, phoneNumber);
      const properties = mergeProperties(existing?.properties, req.properties ?? {});
      if (existing) {
        return this.people.update(tx, existing.id, { name: req.name ?? undefined, locale: req.locale ?? undefined, properties });
      }
      return this.people.createByPhone(tx, { id: uuid7(), workspaceId, phoneNumber, name: req.name, locale: req.locale, properties });
    });
  }

  async setPhone(workspaceId: string, email: string, phoneNumber: string): Promise<void> {
    await this.people.setPhoneByEmail(workspaceId, email, phoneNumber);
  }

  /**
   * `last_sent_at`: a survey Delighted sent before the move, kept as a sent
   * invitation so throttling counts it exactly like one Cairn sent. It has no
   * tokens (no link to answer) and is recorded once per person and time.
   */
  async recordPastSend(personId: string, survey: Pick<Survey, 'id' | 'workspaceId' | 'expiresAfterSeconds'>, sentAt: Date): Promise<void> {
    if (await this.invitations.sentSince(personId, sentAt)) return;
    await this.invitations.createPastSend({
      id: uuid7(sentAt.getTime()),
      workspaceId: survey.workspaceId,
      surveyId: survey.id,
      personId,
      sentAt,
      expiresAt: new Date(sentAt.getTime() + survey.expiresAfterSeconds * 1000),
    });
  }
}
