import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsInstantInRange } from '@cairn/common';
import { IsPersonProperties, type PersonProperties } from '@cairn/people';

export const MAX_IMPORT_ITEMS = 5000;
/** Longer than a live answer's 2,000: other tools kept longer comments, and one must not fail a whole import. */
export const MAX_IMPORTED_COMMENT = 5000;

export class ImportPersonDto {
  @ApiProperty({ example: 'ada@example.com' }) @IsEmail() @MaxLength(254) email!: string;
  @ApiPropertyOptional({ description: 'Your id of this person (unique in the workspace)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  externalId?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) name?: string;

  @ApiPropertyOptional({ example: '7001', description: "The person's id in Delighted: kept as the id Delighted's API shows (compat id)" })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'delightedId must be a whole number (Delighted person id)' })
  delightedId?: string;
  @ApiPropertyOptional({ description: 'Merged into the stored properties (a key set to null is removed) and kept on the answer' })
  @IsOptional()
  @IsPersonProperties()
  properties?: PersonProperties;
}

/** One past answer (validated item by item by ResponseImportService, so errors name the item's index). */
export class ImportItemDto {
  @ApiProperty({ format: 'uuid', description: 'A survey of this workspace; its metric decides the scale' })
  @IsString()
  @MaxLength(64)
  surveyId!: string;

  @ApiProperty({ description: "An integer on the survey metric's scale (NPS 0–10, CSAT 1–5, CES 1–7)" }) @IsInt() score!: number;
  @ApiPropertyOptional({ maxLength: MAX_IMPORTED_COMMENT }) @IsOptional() @IsString() @MaxLength(MAX_IMPORTED_COMMENT) comment?: string;
  @ApiProperty({ description: 'When it was answered (ISO-8601, not in the future)' })
  @IsISO8601({ strict: true, strictSeparator: true })
  @IsInstantInRange()
  createdAt!: string;

  @ApiPropertyOptional({ example: 'sv' })
  @IsOptional()
  @Matches(/^[a-z]{2}(-[A-Z]{2})?$/, { message: 'locale must look like en or sv-SE' })
  locale?: string;

  @ApiPropertyOptional({
    description:
      "The answer's id in the system it comes from (unique in the workspace): an item whose externalId is stored already is not stored again, so a retried import is harmless",
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  externalId?: string;

  @ApiPropertyOptional({
    example: '38519437',
    description: "The answer's id in Delighted: kept as the id Delighted's API shows (GET /compat/delighted/v1/survey_responses/<id>)",
  })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'delightedId must be a whole number (Delighted response id)' })
  delightedId?: string;

  @ApiPropertyOptional({ type: [String], description: "Delighted's tags of the answer" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(255, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: ImportPersonDto, description: 'Upserted by email, never surveyed' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ImportPersonDto)
  person?: ImportPersonDto;
}

export class ImportResponsesDto {
  // Items are not validated by the global pipe (it answers 400 without the index): the service checks each and answers 422.
  @ApiProperty({ type: [ImportItemDto], maxItems: MAX_IMPORT_ITEMS })
  @IsArray()
  items!: unknown[];
}

export class ImportResponsesResponse {
  @ApiProperty({ description: 'Responses stored by this request' }) imported!: number;
  @ApiProperty({ description: 'Items whose externalId was stored before (not stored again)' }) skipped!: number;
  @ApiProperty({ type: [String], description: "The response of each item, in the items' order (a skipped item's existing response)" })
  responseIds!: string[];
}

export class ImportItemError {
  @ApiProperty() index!: number;
  @ApiProperty({ example: 'score' }) field!: string;
  @ApiProperty() message!: string;
}

export class ImportErrorResponse {
  @ApiProperty({ example: 422 }) statusCode!: number;
  @ApiProperty({ example: 'Unprocessable Entity' }) error!: string;
  @ApiProperty({ example: 'items[3].score: must be an integer from 0 to 10 for NPS' }) message!: string;
  @ApiProperty({ type: [ImportItemError], description: 'Every problem found (at most 100), by item index' })
  errors!: ImportItemError[];
}
