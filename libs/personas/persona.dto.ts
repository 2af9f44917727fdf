import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, MaxLength, ValidateIf } from 'class-validator';
import { IsPersonaFilters } from './persona-filters.validator';

export class CreatePersonaDto {
  @ApiProperty({ example: 'Nordic pro customers' })
  @IsString()
  @Length(1, 120)
  name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ type: [String], example: ['Get the order before the weekend'], description: 'what they want' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  goals?: string[];

  @ApiPropertyOptional({ type: [String], example: ['Delivery slots run out'], description: 'what hurts' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  painPoints?: string[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'I just want it to arrive when I am home.',
    description: 'a line in their words; null clears it',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(500)
  quote?: string | null;

  @ApiProperty({ example: { plan: 'pro', region: 'nordics' }, description: 'person property → exact value' })
  @IsPersonaFilters()
  filters!: Record<string, string | number | boolean>;
}

/** Every field of a persona, each optional; a field sent is validated as on create. */
export class UpdatePersonaDto extends PartialType(CreatePersonaDto) {}
