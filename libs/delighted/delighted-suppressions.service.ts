import { Injectable } from '@nestjs/common';
import { isEmail } from 'class-validator';
import type { SuppressionReason } from '@cairn/database';
import { UnsubscribeService } from '@cairn/people';
import { ErrorCollector } from './delighted-errors';
import { endOfSecond, page, Params, str, toUnix, unix } from './delighted-params';
import { DelightedSuppressionRepository } from './delighted-suppression.repository';

/** unsubscribes.json and bounces.json, read from the suppression list (oldest first). */
@Injectable()
export class DelightedSuppressionsService {
  constructor(
    private readonly suppressions: DelightedSuppressionRepository,
    private readonly unsubscribes: UnsubscribeService,
  ) {}

  async unsubscribe(workspaceId: string, body: Params): Promise<{ ok: true }> {
    const errors = new ErrorCollector();
    const email = str(body, 'person_email', errors, 254);
    if (!email && !errors.has('person_email')) errors.add('person_email', "can't be blank");
    else if (email && !isEmail(email)) errors.add('person_email', 'is invalid');
    errors.throwIfAny();
    await this.unsubscribes.byEmail(workspaceId, email!);
    return { ok: true };
  }

  listUnsubscribes(workspaceId: string, query: Params) {
    return this.list(workspaceId, 'unsubscribed', 'unsubscribed_at', query);
  }

  listBounces(workspaceId: string, query: Params) {
    return this.list(workspaceId, 'bounced', 'bounced_at', query);
  }

  private async list(workspaceId: string, reason: SuppressionReason, timeField: string, query: Params) {
    const errors = new ErrorCollector();
    const { perPage, page: pageNo } = page(query, errors);
    const since = unix(query, 'since', errors);
    const until = unix(query, 'until', errors);
    errors.throwIfAny();
    const rows = await this.suppressions.page(workspaceId, reason, { gte: since, lt: endOfSecond(until) }, pageNo, perPage);
    const people = await this.suppressions.people(
      workspaceId,
      rows.map((r) => r.emailHash),
    );
    return rows.map((row) => {
      const person = people.find((p) => p.emailHash === row.emailHash);
      return {
        person_id: person ? person.compatId.toString() : null,
        email: row.email,
        name: person?.name ?? null,
        [timeField]: toUnix(row.createdAt),
      };
    });
  }
}
