import { normalizeEmail } from '@cairn/common';
import { isValidScore, SCALES } from '@cairn/scoring';
import type { ImportItemDto } from './response-import.dto';
import type { ImportProblem } from './response-import.validation';
import type { SurveyTarget } from './survey-target.repository';
import type { UpsertedPerson } from '@cairn/people';

/** A well-formed item that passed every check, with where it belongs. */
export interface CheckedItem {
  index: number;
  item: ImportItemDto;
  survey: SurveyTarget;
  createdAt: Date;
}

/**
 * The checks that need the workspace's surveys and the clock: survey known
 * here, score on its metric's scale, not answered in the future, and no two
 * items claiming the same answer (externalId) or one person id for two
 * addresses. Pure, so each rule is tested without a database.
 */
export function checkImportItems(
  items: Array<{ index: number; item: ImportItemDto }>,
  surveys: Map<string, SurveyTarget>,
  now: Date,
): { checked: CheckedItem[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const checked: CheckedItem[] = [];
  const answerIds = new Map<string, number>();
  const personIds = new Map<string, { index: number; email: string }>();
  for (const { index, item } of items) {
    const before = problems.length;
    const problem = (field: string, message: string) => problems.push({ index, field, message });
    const survey = surveys.get(item.surveyId);
    if (!survey) problem('surveyId', 'no survey with this id in this workspace');
    else if (!isValidScore(survey.metric, item.score)) {
      const { min, max } = SCALES[survey.metric];
      problem('score', `must be an integer from ${min} to ${max} for ${survey.metric.toUpperCase()}`);
    }
    const createdAt = new Date(item.createdAt);
    if (createdAt.getTime() > now.getTime()) problem('createdAt', 'is in the future');
    if (item.externalId !== undefined) {
      const first = answerIds.get(item.externalId);
      if (first !== undefined) problem('externalId', `repeats the externalId of items[${first}]`);
      else answerIds.set(item.externalId, index);
    }
    if (item.person?.externalId !== undefined) {
      const email = normalizeEmail(item.person.email);
      const first = personIds.get(item.person.externalId);
      if (first && first.email !== email) problem('person.externalId', `is given to another email in items[${first.index}]`);
      else if (!first) personIds.set(item.person.externalId, { index, email });
    }
    if (problems.length === before && survey) checked.push({ index, item, survey, createdAt });
  }
  return { checked, problems };
}

/** People imported with their Delighted id keep it (the id Delighted's API shows). */
export function delightedPeople(items: CheckedItem[], people: Map<string, UpsertedPerson>): Array<{ personId: string; compatId: bigint }> {
  return items.flatMap(({ item }) => {
    const person = item.person?.delightedId ? people.get(normalizeEmail(item.person.email)) : undefined;
    return person ? [{ personId: person.id, compatId: BigInt(item.person!.delightedId!) }] : [];
  });
}
