// Pure helpers of erasure: what counts as identifying, and how stored JSON and
// text lose it. Kept apart from the database so they can be tested exhaustively.

export const ERASED = '[erased]';

/** The erased person's identifiers; long ones are found inside text, short ones only as whole values. */
export interface Identifiers {
  personId: string;
  /** Email, name, phone number, external id: whatever the person had. */
  values: Array<string | null | undefined>;
  /** False for rows still to be processed (outbox): their consumers look the person up by id. */
  matchPersonId?: boolean;
}

export const CONTAINS_MIN = 5;

// Property keys that usually hold something pointing at one human being.
const IDENTIFYING_KEY = /e-?mail|name|phone|mobile|address|street|zip|postal|birth|ssn|passport|customer|user|account|(^|[_\s-])(id|ip)$/i;
const CAMEL_ID = /[a-z](Id|ID)$/;

export function isIdentifyingKey(key: string): boolean {
  return IDENTIFYING_KEY.test(key) || CAMEL_ID.test(key);
}

function needles(ids: Identifiers) {
  const all = ids.values.filter((v): v is string => typeof v === 'string' && v.trim().length > 0).map((v) => v.trim().toLowerCase());
  const exact = ids.matchPersonId === false ? all : [...all, ids.personId.toLowerCase()];
  return { contains: all.filter((v) => v.length >= CONTAINS_MIN), exact };
}

export function mentions(text: string, ids: Identifiers): boolean {
  const { contains, exact } = needles(ids);
  const lower = text.toLowerCase();
  return exact.includes(lower.trim()) || contains.some((n) => lower.includes(n));
}

/** Replaces every occurrence of the identifiers in free text (case notes, receiver answers). */
export function redactText(text: string, ids: Identifiers): string {
  const { contains, exact } = needles(ids);
  if (exact.includes(text.trim().toLowerCase())) return ERASED;
  let out = text;
  for (const needle of contains) {
    out = out.replace(new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), ERASED);
  }
  return out;
}

/** A response's person-properties snapshot without identifying keys or values; segments keep the rest. */
export function filterSnapshot(snapshot: unknown, ids: Identifiers): Record<string, unknown> {
  if (typeof snapshot !== 'object' || snapshot === null || Array.isArray(snapshot)) return {};
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(snapshot)) {
    if (isIdentifyingKey(key)) continue;
    if (typeof value === 'string' && mentions(value, ids)) continue;
    if (typeof value === 'object' && value !== null) continue;
    kept[key] = value;
  }
  return kept;
}

const SNAPSHOT_KEYS = new Set(['personProperties', 'person_properties', 'properties']);

/**
 * Deep copy of stored JSON (webhook payloads, alert details, outbox rows) in
 * which the person's object is blanked, snapshots are filtered and any string
 * mentioning the person is replaced.
 */
export function redactJson(value: unknown, ids: Identifiers): unknown {
  if (typeof value === 'string') return mentions(value, ids) ? ERASED : value;
  if (Array.isArray(value)) return value.map((item) => redactJson(item, ids));
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  if (isThePerson(record, ids)) return blankPerson(record);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) {
    out[key] = SNAPSHOT_KEYS.has(key) && isPlainObject(item) ? filterSnapshot(item, ids) : redactJson(item, ids);
  }
  return out;
}

function isThePerson(record: Record<string, unknown>, ids: Identifiers): boolean {
  if (ids.matchPersonId !== false && record.id === ids.personId) return true;
  const email = record.email;
  return typeof email === 'string' && mentions(email, ids);
}

function blankPerson(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(record).map((key) => [key, /propert/i.test(key) ? {} : null]));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A stored body that is JSON text (webhook payloads are kept as the exact bytes sent) stays JSON text. */
export function redactStored(value: unknown, ids: Identifiers): unknown {
  if (typeof value !== 'string') return redactJson(value, ids);
  try {
    return JSON.stringify(redactJson(JSON.parse(value), ids));
  } catch {
    return redactText(value, ids);
  }
}
