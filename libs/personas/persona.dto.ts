import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';
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

  @ApiProperty({ example: { plan: 'pro', region: 'nordics' }, description: 'person property → exact value' })
  @IsPersonaFilters()
  filters!: Record<string, string | number | boolean>;
}

export class UpdatePersonaDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 120)
  name?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ example: { plan: 'pro' } })
  @IsOptional()
  @IsPersonaFilters()
  filters?: Record<string, string | number | boolean>;
}
