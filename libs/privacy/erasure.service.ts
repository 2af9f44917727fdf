import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { Clock, emailHash } from '@cairn/common';
import { TransactionRunner } from '@cairn/database';
import { ErasedJobsService } from './erased-jobs.service';
import { ErasureRepository } from './erasure.repository';
import { Identifiers } from './redact';
import { WebhookCopiesRepository } from './webhook-copies.repository';

export interface ErasureResult {
  id: string;
  erasedAt: Date;
  responsesAnonymised: number;
  invitationsCancelled: number;
  webhookDeliveriesRedacted: number;
}

/** A search needle shorter than this would match unrelated rows. */
const MIN_NEEDLE = 5;

/**
 * GDPR art. 17 erasure, in one transaction: the person row stays as an empty
 * tombstone (invitations still point at it), everything identifying is removed
 * or redacted, scores keep counting, and the address lives on only as a hash
 * on the suppression list so the person is never surveyed again.
 */
@Injectable()
export class ErasureService {
  private readonly logger = new Logger(ErasureService.name);

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly repo: ErasureRepository,
    private readonly webhooks: WebhookCopiesRepository,
    private readonly erasedJobs: ErasedJobsService,
    private readonly clock: Clock,
  ) {}

  async erase(workspaceId: string, personId: string): Promise<ErasureResult> {
    const at = this.clock.now();
    const result = await this.transactions.run(
      async (tx) => {
        const person = await this.repo.lockPerson(tx, workspaceId, personId);
        if (!person) throw new NotFoundException('Person not found');
        const ids: Identifiers = { personId, values: [person.email, person.name, person.phoneNumber, person.externalId] };
        const needles = [personId, ...ids.values].filter((v): v is string => !!v && v.length >= MIN_NEEDLE);
        const invitations = await this.repo.invitations(tx, personId);
        const answers = await this.repo.responses(tx, personId, invitations.ids, ids, at);
        const responseIds = answers.map((a) => a.id);
        // What they wrote goes with them: quoted in a case note or echoed by a webhook receiver, it is found as text.
        const written: Identifiers = { ...ids, values: [...ids.values, ...answers.map((a) => a.comment)] };
        await this.repo.events(tx, personId);
        await this.repo.cases(tx, personId, responseIds, written);
        const deliveries = await this.webhooks.redact(tx, workspaceId, { responseIds, needles }, written);
        await this.repo.outbox(
          tx,
          workspaceId,
          needles.filter((n) => n !== personId),
          ids,
        );
        const hash = person.emailHash ?? (person.email ? emailHash(person.email) : null);
        if (hash) await this.repo.suppress(tx, workspaceId, hash);
        await this.repo.blankPerson(tx, personId, at);
        return {
          summary: {
            id: personId,
            erasedAt: at,
            responsesAnonymised: responseIds.length,
            invitationsCancelled: invitations.cancelled,
            webhookDeliveriesRedacted: deliveries,
          },
          invitationIds: invitations.ids,
        };
      },
      { timeout: 60_000 },
    );
    await this.erasedJobs.drop(workspaceId, result.invitationIds);
    this.logger.log(`erased person ${personId}`);
    return result.summary;
  }
}
