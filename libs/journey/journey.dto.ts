import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export class StageInputDto {
  @ApiProperty({ example: 'Purchase' })
  @IsString()
  @Length(1, 120)
  name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: "the customer's goal at this stage; null clears it" })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(500)
  customerGoal?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'what the customer does at this stage, in order; [] clears them' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  customerActions?: string[];
}

export class CreateJourneyDto {
  @ApiProperty({ example: 'Online shop' })
  @IsString()
  @Length(1, 120)
  name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ type: [StageInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => StageInputDto)
  stages?: StageInputDto[];
}

/** A journey's name and description, each optional (stages change through their own routes). */
export class UpdateJourneyDto extends PartialType(OmitType(CreateJourneyDto, ['stages'] as const)) {}

export class CreateStageDto extends StageInputDto {
  @ApiPropertyOptional({ description: '0-based; omitted = last' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  position?: number;
}

/** Every field of a stage, each optional, and its new place. */
export class UpdateStageDto extends PartialType(StageInputDto) {
  @ApiPropertyOptional({ description: '0-based new position; the others move along' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  position?: number;
}
