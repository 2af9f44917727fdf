// Instants a client sends (since/until, occurredAt, cursors). JavaScript
// dates reach from year −271821 to 275760, PostgreSQL's timestamps from
// 4713 BC to 294276 AD: a date only one side can hold fails the query with a
// 500. Every instant Cairn stores lies between 1970 and 3000, so that is what
// it accepts, as the score API's since/until already did.
import { registerDecorator, ValidationOptions } from 'class-validator';

export const EARLIEST_INSTANT = Date.UTC(1970, 0, 1);
export const LATEST_INSTANT = Date.UTC(3000, 0, 1);

export function isAcceptedInstant(date: Date): boolean {
  const t = date.getTime();
  return !Number.isNaN(t) && t >= EARLIEST_INSTANT && t < LATEST_INSTANT;
}

/** Beside @IsISO8601, which checks the spelling: the instant lies between 1970 and 2999 (UTC). */
export function IsInstantInRange(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isInstantInRange',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must lie between 1970 and 2999', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isAcceptedInstant(new Date(value)) },
    });
}
