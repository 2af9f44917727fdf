import { HttpStatus, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { Clock, normalizeEmail, uuid7 } from '@cairn/common';
import { BULK_WRITE_TIMEOUT_MS, Tx } from '@cairn/database';
import { OutboxTransactionRunner } from '@cairn/outbox';
import { mergeProperties, PersonBatchRepository, type UpsertedPerson } from '@cairn/people';
import { PastAnswerWrite, PastAnswerWriter } from './past-answer.writer';
import { CheckedItem, checkImportItems, delightedPeople } from './response-import.checks';
import { ImportItemDto, ImportResponsesDto, ImportResponsesResponse, MAX_IMPORT_ITEMS } from './response-import.dto';
import { ImportProblem, importProblemsMessage, parseImportItem } from './response-import.validation';
import { SurveyTargetRepository } from './survey-target.repository';

/** Answers younger than this are announced like live ones (alerts, cases, webhooks); older ones are history. */
export const ANNOUNCE_WITHIN_MS = 24 * 3600 * 1000;
/** A 422 lists this many problems at most: enough to fix a file, small enough to read. */
const MAX_LISTED_PROBLEMS = 100;

/**
 * POST /responses/import: years of answers from another tool, all or nothing.
 * Every item is checked before anything is written; then the people, the
 * responses, their rollup counts and the events of recent answers go in one
 * transaction. Counted in scores exactly like live answers.
 */
@Injectable()
export class ResponseImportService {
  constructor(
    private readonly transactions: OutboxTransactionRunner,
    private readonly surveys: SurveyTargetRepository,
    private readonly people: PersonBatchRepository,
    private readonly pastAnswers: PastAnswerWriter,
    private readonly clock: Clock,
  ) {}

  async import(workspaceId: string, body: ImportResponsesDto): Promise<ImportResponsesResponse> {
    const raw = body.items;
    if (raw.length === 0 || raw.length > MAX_IMPORT_ITEMS) {
      throw new UnprocessableEntityException({
        message: `items must hold 1 to ${MAX_IMPORT_ITEMS} answers (got ${raw.length})`,
        errors: [],
      });
    }
    const parsed = raw.map(parseImportItem);
    const wellFormed = parsed.flatMap(({ item }, index) => (item ? [{ index, item }] : []));
    const surveys = await this.surveys.findMany(workspaceId, [...new Set(wellFormed.map(({ item }) => item.surveyId))]);
    const now = this.clock.now();
    const { checked, problems } = checkImportItems(wellFormed, surveys, now);
    refuse([...parsed.flatMap((p) => p.problems), ...problems]);
    const result = await this.transactions.run((tx) => this.write(tx, workspaceId, checked, now), { timeout: BULK_WRITE_TIMEOUT_MS });
    return result;
  }

  private async write(tx: Tx, workspaceId: string, items: CheckedItem[], now: Date): Promise<ImportResponsesResponse> {
    await this.checkPersonIds(tx, workspaceId, items);
    const existing = await this.pastAnswers.findByExternalIds(
      tx,
      workspaceId,
      items.flatMap(({ item }) => (item.externalId === undefined ? [] : [item.externalId])),
    );
    // Oldest first, so the person keeps the name and properties of their latest answer.
    const byTime = [...items].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    const named = byTime.flatMap(({ item }) => (item.person ? [item.person] : []));
    // An erased person's answers still count, anonymous, as erasure leaves theirs: no person, no properties.
    const erased = await this.people.erasedEmails(
      tx,
      workspaceId,
      named.map((person) => person.email),
    );
    const people = await this.people.upsertManyByEmail(
      tx,
      workspaceId,
      named.filter((person) => !erased.has(normalizeEmail(person.email))),
      uuid7,
    );
    const responseIds: string[] = [];
    const answers: PastAnswerWrite[] = [];
    for (const checked of items) {
      const known = checked.item.externalId === undefined ? undefined : existing.get(checked.item.externalId);
      if (known) {
        responseIds.push(known);
        continue;
      }
      const answer = this.answer(workspaceId, checked, people, now);
      answers.push(answer);
      responseIds.push(answer.id);
    }
    await this.pastAnswers.write(tx, answers);
    await this.people.keepCompatIds(tx, workspaceId, delightedPeople(items, people));
    return { imported: answers.length, skipped: items.length - answers.length, responseIds };
  }

  private answer(
    workspaceId: string,
    { item, survey, createdAt }: CheckedItem,
    people: Map<string, UpsertedPerson>,
    now: Date,
  ): PastAnswerWrite {
    const person = item.person ? people.get(normalizeEmail(item.person.email)) : undefined;
    return {
      // Made at the answer's time: history lands in its month's partition (or the default one, before the oldest).
      id: uuid7(createdAt.getTime()),
      target: {
        workspaceId,
        ...survey,
        personId: person?.id ?? null,
        locale: item.locale ?? person?.locale ?? null,
        source: 'import',
        // As a live answer keeps the person's properties when answering; this item's own values win for its keys.
        personProperties: person ? mergeProperties(person.properties, item.person?.properties ?? {}) : {},
      },
      score: item.score,
      comment: item.comment || null,
      createdAt,
      externalId: item.externalId ?? null,
      compatId: item.delightedId ? BigInt(item.delightedId) : null,
      tags: item.tags ?? [],
      announce: now.getTime() - createdAt.getTime() <= ANNOUNCE_WITHIN_MS,
    };
  }

  /** A person id (externalId) already held by another address in the workspace fails its item, as one repeated in the request does. */
  private async checkPersonIds(tx: Tx, workspaceId: string, items: CheckedItem[]): Promise<void> {
    const withId = items.filter((c): c is CheckedItem & { item: ImportItemDto & { person: { externalId: string } } } =>
      Boolean(c.item.person?.externalId),
    );
    const owners = await this.people.externalIdOwners(tx, workspaceId, [...new Set(withId.map((c) => c.item.person.externalId))]);
    refuse(
      withId
        .filter(
          ({ item }) => owners.has(item.person.externalId) && owners.get(item.person.externalId) !== normalizeEmail(item.person.email),
        )
        .map(({ index }) => ({ index, field: 'person.externalId', message: 'already belongs to another person in this workspace' })),
    );
  }
}

/** 422 naming the first problem's item, listing up to MAX_LISTED_PROBLEMS; nothing when there is none. */
function refuse(problems: ImportProblem[]): void {
  if (!problems.length) return;
  const sorted = [...problems].sort((a, b) => a.index - b.index);
  throw new UnprocessableEntityException({
    statusCode: HttpStatus.UNPROCESSABLE_ENTITY,
    message: importProblemsMessage(sorted),
    errors: sorted.slice(0, MAX_LISTED_PROBLEMS),
  });
}
