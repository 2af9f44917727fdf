import { registerDecorator, ValidationOptions } from 'class-validator';
import { isForbiddenKey } from '@cairn/common';

export const MAX_PERSONA_FILTERS = 10;
const PROPERTY = /^[^\u0000-\u001f]{1,100}$/;

/** { "plan": "pro", "seats": 10, "vip": true }: exact matches on person properties. */
export function IsPersonaFilters(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isPersonaFilters',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `$property must map 1–${MAX_PERSONA_FILTERS} property names to a string (1–200 characters), number or boolean`,
        ...options,
      },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
          const entries = Object.entries(value as Record<string, unknown>);
          return (
            entries.length > 0 &&
            entries.length <= MAX_PERSONA_FILTERS &&
            entries.every(([key, v]) => PROPERTY.test(key) && !isForbiddenKey(key) && isFilterValue(v))
          );
        },
      },
    });
}

function isFilterValue(v: unknown): boolean {
  if (typeof v === 'string') return v.length > 0 && v.length <= 200;
  if (typeof v === 'number') return Number.isFinite(v);
  return typeof v === 'boolean';
}
