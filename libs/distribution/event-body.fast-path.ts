import { isEmail, isISO8601, length, matches, maxLength } from 'class-validator';
import { isAcceptedInstant, isForbiddenKey } from '@cairn/common';
import { propertiesProblem, toE164 } from '@cairn/people';
import { CreateEventDto, EVENT_RULES, EventPersonDto, isSmallJson } from './event.dto';

const EVENT_KEYS = new Set(['type', 'person', 'properties', 'occurredAt', 'idempotencyKey']);
const PERSON_KEYS = new Set(['email', 'externalId', 'name', 'phone', 'locale', 'properties']);

/**
 * `POST /api/v1/events`' body as the global ValidationPipe would return it (the same DTO instances, fields and
 * copies), or null when this cannot tell: the pipe then decides, with its own 400 texts. It accepts only bodies every
 * rule of `CreateEventDto` accepts, checked by the same predicates (class-validator's and ours), and gives up on
 * anything unusual (a null, an unknown key, a value of another type). The pipe's class-transformer and class-validator
 * walk cost the API about a third of its CPU per event (bench:distribution, 2026-12-05); this costs a few per cent.
 * `event-body.fast-path.spec.ts` holds it to the pipe on generated bodies.
 */
export function eventBodyFastPath(body: unknown): CreateEventDto | null {
  try {
    return fastPath(body);
  } catch {
    // A predicate that throws (validator's isEmail on a lone surrogate): the pipe meets it as it always did.
    return null;
  }
}

function fastPath(body: unknown): CreateEventDto | null {
  if (!isPlainObject(body) || !keysWithin(body, EVENT_KEYS)) return null;
  const { type, person, properties, occurredAt, idempotencyKey } = body;
  if (typeof type !== 'string' || !matches(type, EVENT_RULES.type)) return null;
  const personDto = personFastPath(person);
  if (!personDto) return null;
  const dto = new CreateEventDto();
  dto.type = type;
  dto.person = personDto;
  if (properties !== undefined) {
    const copy = isPlainObject(properties) && isSmallJson(properties, EVENT_RULES.propertiesMaxBytes) ? jsonCopy(properties) : undefined;
    if (copy === undefined) return null;
    dto.properties = copy as Record<string, unknown>;
  }
  if (occurredAt !== undefined) {
    if (typeof occurredAt !== 'string' || !isISO8601(occurredAt, EVENT_RULES.occurredAt) || !isAcceptedInstant(new Date(occurredAt))) {
      return null;
    }
    dto.occurredAt = occurredAt;
  }
  if (idempotencyKey !== undefined) {
    if (!isText(idempotencyKey, EVENT_RULES.idempotencyKeyLength)) return null;
    dto.idempotencyKey = idempotencyKey;
  }
  return dto;
}

function personFastPath(person: unknown): EventPersonDto | null {
  if (!isPlainObject(person) || !keysWithin(person, PERSON_KEYS)) return null;
  const { email, externalId, name, phone, locale, properties } = person;
  const dto = new EventPersonDto();
  // The DTO's transform stores a valid number as E.164; anything else is the pipe's to refuse.
  if (phone !== undefined) {
    const e164 = toE164(phone);
    if (e164 === null) return null;
    dto.phone = e164;
  }
  // An email is required unless a phone is given, and checked whenever it is given.
  if (email !== undefined || phone === undefined) {
    if (typeof email !== 'string' || !isEmail(email) || !maxLength(email, EVENT_RULES.emailMaxLength)) return null;
    dto.email = email;
  }
  for (const [key, value] of [
    ['externalId', externalId],
    ['name', name],
  ] as const) {
    if (value === undefined) continue;
    if (!isText(value, EVENT_RULES.textLength)) return null;
    dto[key] = value;
  }
  if (locale !== undefined) {
    if (typeof locale !== 'string' || !matches(locale, EVENT_RULES.locale)) return null;
    dto.locale = locale;
  }
  if (properties !== undefined) {
    // Flat by rule, so a shallow copy is the pipe's copy.
    if (propertiesProblem(properties) !== null || Object.keys(properties as object).some(isObjectMember)) return null;
    dto.properties = { ...(properties as Record<string, string>) };
  }
  return dto;
}

function isText(value: unknown, [min, max]: readonly [number, number]): value is string {
  return typeof value === 'string' && length(value, min, max);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function keysWithin(value: object, allowed: ReadonlySet<string>): boolean {
  for (const key in value) if (!allowed.has(key)) return false;
  return true;
}

/** class-transformer leaves out a key that names a method of every object (`valueOf`, `toString`): the pipe decides those. */
function isObjectMember(key: string): boolean {
  return key in Object.prototype;
}

/** A fresh copy of parsed JSON (as class-transformer makes one), or undefined when it holds anything JSON cannot. */
function jsonCopy(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) return undefined;
      const item = jsonCopy(value[i]);
      if (item === undefined) return undefined;
      copy.push(item);
    }
    return copy;
  }
  if (!isPlainObject(value)) return undefined;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = isForbiddenKey(key) || isObjectMember(key) ? undefined : jsonCopy(value[key]);
    if (item === undefined) return undefined;
    copy[key] = item;
  }
  return copy;
}
