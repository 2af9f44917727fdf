// Segment filters read the person-property snapshot stored on each response
// (what the person looked like when they answered), never today's profile.
import { BadRequestException } from '@nestjs/common';
import { FORBIDDEN_KEY_MESSAGE, isForbiddenKey } from '@cairn/common';

export type PropertyValue = string | number | boolean;

/** One property; a response matches when its snapshot holds any of `values`. */
export interface PropertyFilter {
  property: string;
  values: PropertyValue[];
}

export const SEGMENT_PREFIX = 'segment.';
export const MAX_FILTERS = 10;
const PROPERTY = /^[^\u0000-\u001f]{1,100}$/;

/** `segment.plan=pro&segment.region=nordics`; a repeated property means either value. */
export function parseSegments(query: Record<string, unknown>): PropertyFilter[] {
  const filters: PropertyFilter[] = [];
  for (const [key, raw] of Object.entries(query)) {
    if (!key.startsWith(SEGMENT_PREFIX)) continue;
    const property = key.slice(SEGMENT_PREFIX.length);
    if (!PROPERTY.test(property)) throw new BadRequestException(`${key}: the property name must be 1–100 printable characters`);
    if (isForbiddenKey(property)) throw new BadRequestException(`${key}: ${FORBIDDEN_KEY_MESSAGE}`);
    const values = (Array.isArray(raw) ? raw : [raw]).map(String);
    if (values.some((v) => v.length === 0 || v.length > 200)) {
      throw new BadRequestException(`${key} needs a value of 1–200 characters`);
    }
    filters.push({ property, values });
  }
  if (filters.length > MAX_FILTERS) throw new BadRequestException(`At most ${MAX_FILTERS} segment filters`);
  return filters;
}

/** A persona's { property: value } filters, each an exact match. */
export function personaFilters(filters: Record<string, PropertyValue>): PropertyFilter[] {
  return Object.entries(filters).map(([property, value]) => ({ property, values: [value] }));
}

// A query string cannot say whether "10" or "true" was a string or a JSON
// number/boolean in the snapshot, so both spellings match.
export function candidateObjects(filter: PropertyFilter): string[] {
  const out = new Set<string>();
  for (const value of filter.values) {
    for (const variant of spellings(value)) out.add(JSON.stringify({ [filter.property]: variant }));
  }
  return [...out];
}

function spellings(value: PropertyValue): PropertyValue[] {
  if (typeof value !== 'string') return [value, String(value)];
  if (value === 'true' || value === 'false') return [value, value === 'true'];
  const n = Number(value);
  if (value.trim() !== '' && Number.isFinite(n) && String(n) === value) return [value, n];
  return [value];
}
