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

const MAX_EVENT_PROPERTIES_BYTES = 16_384;

export class EventPersonDto {
  @ApiPropertyOptional({ example: 'ada@example.com', description: 'Required unless `phone` is given (a person known by number only)' })
  @ValidateIf((person: EventPersonDto) => person.email !== undefined || person.phone === undefined)
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ description: 'Your id of this person' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  externalId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ example: '+46701234567', description: 'For SMS surveys: a valid number with its country code, stored as E.164' })
  @IsOptional()
  @Transform(({ value }) => toE164(value) ?? value)
  @IsE164Phone()
  phone?: string;

  @ApiPropertyOptional({ example: 'sv', description: 'Language of the survey email (en, sv, da; others fall back to en)' })
  @IsOptional()
  @Matches(/^[a-z]{2}(-[A-Z]{2})?$/, { message: 'person.locale must look like en or sv-SE' })
  locale?: string;

  @ApiPropertyOptional({ description: 'Merged into the stored properties; a key set to null is removed' })
  @IsOptional()
  @IsPersonProperties()
  properties?: PersonProperties;
}

export class CreateEventDto {
  @ApiProperty({ example: 'order.delivered' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, { message: 'type must be an event type like order.delivered' })
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
  @IsSmallJson(MAX_EVENT_PROPERTIES_BYTES)
  properties?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'ISO-8601; default now. Surveys are scheduled relative to it.' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @IsInstantInRange()
  occurredAt?: string;

  @ApiPropertyOptional({ description: 'The same key again returns the first answer and creates nothing' })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  idempotencyKey?: string;
}

function IsSmallJson(maxBytes: number): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isSmallJson',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => value === undefined || Buffer.byteLength(JSON.stringify(value)) <= maxBytes,
        defaultMessage: (args) => `${args?.property} must be at most ${maxBytes} bytes of JSON`,
      },
    });
}
