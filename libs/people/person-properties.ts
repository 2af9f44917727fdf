import { registerDecorator, ValidationOptions } from 'class-validator';
import { FORBIDDEN_KEY_MESSAGE, isForbiddenKey, safeRecord } from '@cairn/common';

export type PropertyValue = string | number | boolean | null;
export type PersonProperties = Record<string, PropertyValue>;

export const MAX_PROPERTIES = 100;
export const MAX_PROPERTY_KEY = 100;
export const MAX_PROPERTY_VALUE = 1000;

/** Why `value` is not a flat property map, or null when it is one. Flat on purpose: segments filter on it. */
export function propertiesProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object';
  const entries = Object.entries(value);
  if (entries.length > MAX_PROPERTIES) return `must have at most ${MAX_PROPERTIES} keys`;
  for (const [key, item] of entries) {
    if (key.length === 0 || key.length > MAX_PROPERTY_KEY) return `keys must be 1–${MAX_PROPERTY_KEY} characters`;
    if (isForbiddenKey(key)) return FORBIDDEN_KEY_MESSAGE;
    if (item === null || typeof item === 'boolean') continue;
    if (typeof item === 'number' && Number.isFinite(item)) continue;
    if (typeof item === 'string' && item.length <= MAX_PROPERTY_VALUE) continue;
    return `"${key}" must be a string (≤ ${MAX_PROPERTY_VALUE} characters), number, boolean or null`;
  }
  return null;
}

/** Merges a properties update: keys set to null are removed, others replaced. */
export function mergeProperties(current: unknown, update: PersonProperties): PersonProperties {
  const merged = Object.assign(safeRecord<PropertyValue>(), (current ?? {}) as PersonProperties);
  for (const [key, value] of Object.entries(update)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

export function IsPersonProperties(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isPersonProperties',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => value === undefined || propertiesProblem(value) === null,
        defaultMessage: (args) => `${args?.property} ${propertiesProblem(args?.value) ?? 'is invalid'}`,
      },
    });
}
