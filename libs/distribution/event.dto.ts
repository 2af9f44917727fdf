import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  registerDecorator,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsInstantInRange } from '@cairn/common';
import { IsE164Phone, IsPersonProperties, PersonProperties, toE164 } from '@cairn/people';

/** The rules both the decorators below and the fast path of event-body.fast-path.ts read. */
export const EVENT_RULES = {
  propertiesMaxBytes: 16_384,
  type: /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/,
  locale: /^[a-z]{2}(-[A-Z]{2})?$/,
  emailMaxLength: 254,
  /** externalId and name. */
  textLength: [1, 200],
  idempotencyKeyLength: [1, 255],
  occurredAt: { strict: true, strictSeparator: true },
} as const;

/** Whether `value` (absent counts) is at most `maxBytes` of JSON. */
export function isSmallJson(value: unknown, maxBytes: number): boolean {
  return value === undefined || Buffer.byteLength(JSON.stringify(value)) <= maxBytes;
}

export class EventPersonDto {
  @ApiPropertyOptional({ example: 'ada@example.com', description: 'Required unless `phone` is given (a person known by number only)' })
  @ValidateIf((person: EventPersonDto) => person.email !== undefined || person.phone === undefined)
  @IsEmail()
  @MaxLength(EVENT_RULES.emailMaxLength)
  email?: string;

  @ApiPropertyOptional({ description: 'Your id of this person' })
  @IsOptional()
  @IsString()
  @Length(...EVENT_RULES.textLength)
  externalId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(...EVENT_RULES.textLength)
  name?: string;

  @ApiPropertyOptional({ example: '+46701234567', description: 'For SMS surveys: a valid number with its country code, stored as E.164' })
  @IsOptional()
  @Transform(({ value }) => toE164(value) ?? value)
  @IsE164Phone()
  phone?: string;

  @ApiPropertyOptional({ example: 'sv', description: 'Language of the survey email (en, sv, da; others fall back to en)' })
  @IsOptional()
  @Matches(EVENT_RULES.locale, { message: 'person.locale must look like en or sv-SE' })
  locale?: string;

  @ApiPropertyOptional({ description: 'Merged into the stored properties; a key set to null is removed' })
  @IsOptional()
  @IsPersonProperties()
  properties?: PersonProperties;
}

export class CreateEventDto {
  @ApiProperty({ example: 'order.delivered' })
  @IsString()
  @Matches(EVENT_RULES.type, { message: 'type must be an event type like order.delivered' })
  type!: string;

  @ApiProperty({ type: EventPersonDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => EventPersonDto)
  person!: EventPersonDto;

  @ApiPropertyOptional({ description: 'Usable in survey texts as {{event.<key>}}' })
  @IsOptional()
  @IsObject()
  @IsSmallJson(EVENT_RULES.propertiesMaxBytes)
  properties?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'ISO-8601; default now. Surveys are scheduled relative to it.' })
  @IsOptional()
  @IsISO8601(EVENT_RULES.occurredAt)
  @IsInstantInRange()
  occurredAt?: string;

  @ApiPropertyOptional({ description: 'The same key again returns the first answer and creates nothing' })
  @IsOptional()
  @IsString()
  @Length(...EVENT_RULES.idempotencyKeyLength)
  idempotencyKey?: string;
}

function IsSmallJson(maxBytes: number): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isSmallJson',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => isSmallJson(value, maxBytes),
        defaultMessage: (args) => `${args?.property} must be at most ${maxBytes} bytes of JSON`,
      },
    });
}
