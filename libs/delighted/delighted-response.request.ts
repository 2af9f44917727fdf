// Parameters of Delighted's survey_responses endpoints.
import { propertiesProblem } from '@cairn/people';
import { ErrorCollector } from './delighted-errors';
import { AdditionalAnswer, parseAdditionalAnswers, parseTags } from './delighted-extras';
import { endOfSecond, int, list, page, Params, str, unix } from './delighted-params';

/** A sort key then the id, so pages never overlap; the repository hands it to the ORM as it is. */
export type ResponseOrder = Array<Partial<Record<'createdAt' | 'updatedAt' | 'id', 'asc' | 'desc'>>>;

const ORDERS: Record<string, ResponseOrder> = {
  asc: [{ createdAt: 'asc' }, { id: 'asc' }],
  desc: [{ createdAt: 'desc' }, { id: 'desc' }],
  'asc:updated_at': [{ updatedAt: 'asc' }, { id: 'asc' }],
  'desc:updated_at': [{ updatedAt: 'desc' }, { id: 'desc' }],
};

export interface ResponseListRequest {
  perPage: number;
  page: number;
  created: { gte?: Date; lt?: Date };
  updated: { gte?: Date; lt?: Date };
  trend?: string;
  personId?: string;
  personEmail?: string;
  orderBy: ResponseOrder;
  expandPerson: boolean;
  expandNotes: boolean;
}

export function parseResponseList(query: Params): ResponseListRequest {
  const errors = new ErrorCollector();
  const paging = page(query, errors);
  const since = unix(query, 'since', errors);
  const until = unix(query, 'until', errors);
  const updatedSince = unix(query, 'updated_since', errors);
  const updatedUntil = unix(query, 'updated_until', errors);
  const order = str(query, 'order', errors) ?? 'asc';
  if (!ORDERS[order]) errors.add('order', 'is not included in the list (asc, desc, asc:updated_at, desc:updated_at)');
  const expand = list(query, 'expand');
  for (const item of expand) if (item !== 'person' && item !== 'notes') errors.add('expand', `${item} cannot be expanded`);
  const request: ResponseListRequest = {
    ...paging,
    created: { gte: since, lt: endOfSecond(until) },
    updated: { gte: updatedSince, lt: endOfSecond(updatedUntil) },
    trend: str(query, 'trend', errors, 100),
    personId: str(query, 'person_id', errors, 100),
    personEmail: str(query, 'person_email', errors, 254),
    orderBy: ORDERS[order] ?? ORDERS.asc,
    expandPerson: expand.includes('person'),
    expandNotes: expand.includes('notes'),
  };
  errors.throwIfAny();
  return request;
}

export interface ResponseWrite {
  personId?: string;
  score?: number;
  comment?: string | null;
  personProperties?: Record<string, unknown>;
  createdAt?: Date;
  tags?: string[];
  additionalAnswers?: AdditionalAnswer[];
}

/** POST (creating) needs person and score; PUT takes what it is given and ignores read-only fields. */
export function parseResponseWrite(body: Params, scale: { min: number; max: number }, creating: boolean, now: Date): ResponseWrite {
  const errors = new ErrorCollector();
  const personId = creating ? str(body, 'person', errors, 100) : undefined;
  if (creating && !personId && !errors.has('person')) errors.add('person', "can't be blank");
  const score = int(body, 'score', errors, scale.min, scale.max);
  if (creating && score === undefined && !errors.has('score')) errors.add('score', "can't be blank");
  let comment: string | null | undefined;
  if (body.comment === null) comment = null;
  else if (body.comment !== undefined && typeof body.comment !== 'string') errors.add('comment', 'is invalid');
  else if (typeof body.comment === 'string' && body.comment.length > 10_000)
    errors.add('comment', 'is too long (maximum is 10000 characters)');
  else comment = body.comment as string | undefined;
  const props = body.person_properties ?? undefined;
  const problem = props === undefined ? null : propertiesProblem(props);
  if (problem) errors.add('person_properties', problem);
  const createdAt = creating ? unix(body, 'created_at', errors) : undefined;
  if (createdAt && createdAt > now) errors.add('created_at', 'cannot be in the future');
  const tags = parseTags(body, errors);
  const additionalAnswers = parseAdditionalAnswers(body, errors);
  errors.throwIfAny();
  return { personId, score, comment, personProperties: props as Record<string, unknown> | undefined, createdAt, tags, additionalAnswers };
}
