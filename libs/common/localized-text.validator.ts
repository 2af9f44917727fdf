import { registerDecorator, ValidationOptions } from 'class-validator';

const LOCALE = /^[a-z]{2}(-[A-Z]{2})?$/;

/** { "en": "...", "sv": "..." }: locale codes as keys, non-empty texts up to `max` characters. */
export function IsLocalizedText(max = 500, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isLocalizedText',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `$property must map locale codes (en, sv, da, …) to texts of 1–${max} characters`,
        ...options,
      },
      validator: {
        validate(value: unknown) {
          if (value === null || value === undefined) return true;
          if (typeof value !== 'object' || Array.isArray(value)) return false;
          const entries = Object.entries(value as Record<string, unknown>);
          return (
            entries.length > 0 &&
            entries.length <= 30 &&
            entries.every(([key, text]) => LOCALE.test(key) && typeof text === 'string' && text.trim().length > 0 && text.length <= max)
          );
        },
      },
    });
}
