import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';

const KEYWORDS_PER_LANGUAGE = 300;

export class ThemeNameDto {
  @ApiProperty({ example: 'Delivery' }) @IsString() @Length(1, 80) en!: string;
  @ApiPropertyOptional({ example: 'Leverans' }) @IsOptional() @IsString() @Length(1, 80) sv?: string;
  @ApiPropertyOptional({ example: 'Levering' }) @IsOptional() @IsString() @Length(1, 80) da?: string;
}

/** One language's keyword list. */
function KeywordList(example: string[]): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: [String], example }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(KEYWORDS_PER_LANGUAGE),
    IsString({ each: true }),
    Length(2, 60, { each: true }),
  );
}

/** Words and phrases as people write them; inflections and compounds are found by the matcher. */
export class ThemeKeywordsDto {
  @KeywordList(['courier', 'parcel']) en?: string[];
  @KeywordList(['bud', 'paket']) sv?: string[];
  @KeywordList(['bud', 'pakke']) da?: string[];
}

export class CreateThemeDto {
  @ApiProperty({ example: 'courier', description: 'lower-case letters, digits and _, starting with a letter' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,39}$/, { message: 'key must be 2–40 lower-case letters, digits or _, starting with a letter' })
  key!: string;

  @ApiProperty({ type: ThemeNameDto }) @IsDefined() @ValidateNested() @Type(() => ThemeNameDto) name!: ThemeNameDto;

  @ApiProperty({ type: ThemeKeywordsDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => ThemeKeywordsDto)
  keywords!: ThemeKeywordsDto;
}

export class UpdateThemeDto {
  @ApiPropertyOptional({ type: ThemeNameDto }) @IsOptional() @ValidateNested() @Type(() => ThemeNameDto) name?: ThemeNameDto;

  @ApiPropertyOptional({ type: ThemeKeywordsDto, description: 'replaces the keywords of the languages given' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ThemeKeywordsDto)
  keywords?: ThemeKeywordsDto;
}
