import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { registerDecorator } from 'class-validator';
import { sha256Hex } from '@cairn/common';

/** The E.164 form of a valid number written with its country code (+46 70-123 45 67 → +46701234567), else null. */
export function toE164(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > 32 || !raw.trim().startsWith('+')) return null;
  const parsed = parsePhoneNumberFromString(raw.trim());
  return parsed?.isValid() ? parsed.number : null;
}

/** How a number is remembered in the SMS suppression list (never the number itself). */
export function phoneHash(e164: string): string {
  return sha256Hex(`cairn-phone:${e164}`);
}

/** A valid phone number with its country code; the DTO's transform stores it as E.164. */
export function IsE164Phone(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isE164Phone',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => value === undefined || toE164(value) !== null,
        defaultMessage: (args) => `${args?.property} must be a valid phone number in international form, e.g. +46701234567`,
      },
    });
}
