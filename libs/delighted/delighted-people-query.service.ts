import { Injectable, NotFoundException } from '@nestjs/common';
import { InvitationRepository } from '@cairn/distribution';
import { PersonQueryRepository } from '@cairn/people';
import { ErasureService } from '@cairn/privacy';
import { Clock } from '@cairn/common';
import { ErrorCollector } from './delighted-errors';
import { parseRowRef } from './delighted-ids';
import { DelightedPersonRepository } from './delighted-person.repository';
import { DelightedResponseRepository } from './delighted-response.repository';
import { endOfSecond, int, Params, str, unix } from './delighted-params';
import { toListedPerson } from './delighted.mapper';

export interface PeoplePage {
  people: ReturnType<typeof toListedPerson>[];
  /** Opaque cursor of the next page, or null on the last one. */
  next: string | null;
}

/** Listing, deleting and un-scheduling people the way Delighted's API did. */
@Injectable()
export class DelightedPeopleQueryService {
  constructor(
    private readonly invitations: InvitationRepository,
    private readonly people: PersonQueryRepository,
    private readonly erasure: ErasureService,
    private readonly persons: DelightedPersonRepository,
    private readonly responses: DelightedResponseRepository,
    private readonly clock: Clock,
  ) {}

  /** GET /people.json: oldest first, cursor-paginated (the cursor travels in the Link header). */
  async list(workspaceId: string, query: Params): Promise<PeoplePage> {
    const errors = new ErrorCollector();
    const perPage = int(query, 'per_page', errors, 1, 100) ?? 20;
    const since = unix(query, 'since', errors);
    const until = unix(query, 'until', errors);
    const email = str(query, 'email', errors, 254);
    const phoneNumber = str(query, 'phone_number', errors, 20);
    if (email && phoneNumber) errors.add('base', 'pass either email or phone_number, not both');
    const after = decodeCursor(str(query, 'page_info', errors, 200), errors);
    errors.throwIfAny();
    const rows = await this.people.list(
      workspaceId,
      { email, phoneNumber, createdFrom: since, createdTo: until && endOfSecond(until) },
      perPage + 1,
      after,
    );
    const page = rows.slice(0, perPage);
    const dates = await this.people.surveyDates(page.map((p) => p.id));
    return {
      people: page.map((p) => toListedPerson(p, dates.get(p.id))),
      next: rows.length > perPage ? encodeCursor(page[page.length - 1].id) : null,
    };
  }

  /**
   * DELETE /people/:id | email:… | phone_number:… — the person's responses leave Delighted's listings and metrics
   * (as Delighted deleted them), then Cairn's erasure (its own scores keep them, anonymised).
   */
  async remove(workspaceId: string, identifier: string): Promise<void> {
    const person = await this.resolve(workspaceId, identifier);
    if (!person) throw new NotFoundException('Not Found');
    await this.responses.hideOfPerson(workspaceId, person.id, this.clock.now());
    await this.erasure.erase(workspaceId, person.id);
  }

  /** DELETE /people/:email/survey_requests/pending: scheduled surveys are cancelled, sent ones stay answerable. */
  async cancelPending(workspaceId: string, email: string): Promise<number> {
    const person = await this.people.findByEmail(workspaceId, email);
    if (!person) throw new NotFoundException('Not Found');
    return this.invitations.cancelScheduled(person.id, 'pending_survey_requests_deleted');
  }

  private resolve(workspaceId: string, identifier: string) {
    const id = identifier.replace(/\.json$/, '');
    if (id.startsWith('email:')) return this.people.findByEmail(workspaceId, id.slice('email:'.length));
    if (id.startsWith('phone_number:')) return this.people.findByPhone(workspaceId, id.slice('phone_number:'.length));
    return this.persons.findByRef(workspaceId, parseRowRef(id));
  }
}

function encodeCursor(lastId: string): string {
  return Buffer.from(lastId).toString('base64url');
}

function decodeCursor(raw: string | undefined, errors: ErrorCollector): string | undefined {
  if (raw === undefined) return undefined;
  const id = Buffer.from(raw, 'base64url').toString('utf8');
  if (!/^[0-9a-f-]{36}$/.test(id)) return void errors.add('page_info', 'is invalid');
  return id;
}
