import { CursorPageQuery } from '@cairn/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { Transform } from 'class-transformer';
import { IsPersonProperties, PersonProperties } from './person-properties';
import { IsE164Phone, toE164 } from './phone-number';

export class ListPeopleQueryDto extends CursorPageQuery {
  @ApiPropertyOptional({ description: 'Exact address (case-insensitive)' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  externalId?: string;
}

export class UpdatePersonDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ example: 'sv' })
  @IsOptional()
  @Matches(/^[a-z]{2}(-[A-Z]{2})?$/, { message: 'locale must look like en or sv-SE' })
  locale?: string;

  @ApiPropertyOptional({ example: '+46701234567', description: 'For SMS surveys: a valid number with its country code, stored as E.164' })
  @IsOptional()
  @Transform(({ value }) => toE164(value) ?? value)
  @IsE164Phone()
  phone?: string;

  @ApiPropertyOptional({ description: 'Merged into the stored properties; a key set to null is removed' })
  @IsOptional()
  @IsPersonProperties()
  properties?: PersonProperties;
}
