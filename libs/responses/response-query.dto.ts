import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsInstantInRange } from '@cairn/common';

export class ResponseFilterDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) touchpointId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) stageId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) journeyId?: string;
  @ApiPropertyOptional({ enum: ['nps', 'csat', 'ces'], enumName: 'Metric' }) @IsOptional() @IsIn(['nps', 'csat', 'ces']) metric?:
    'nps' | 'csat' | 'ces';

  @ApiPropertyOptional({ description: 'responses created at or after (ISO-8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @IsInstantInRange()
  since?: string;

  @ApiPropertyOptional({ description: 'responses created before (ISO-8601, exclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @IsInstantInRange()
  until?: string;

  @ApiPropertyOptional({ description: 'only answers whose comment mentions this theme (its key)' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,39}$/, { message: 'theme must be a theme key' })
  theme?: string;

  @ApiPropertyOptional({ enum: ['positive', 'neutral', 'negative'], enumName: 'SentimentLabel' })
  @IsOptional()
  @IsIn(['positive', 'neutral', 'negative'])
  sentiment?: 'positive' | 'neutral' | 'negative';

  @ApiPropertyOptional({
    enum: ['detractor', 'passive', 'promoter'],
    enumName: 'AnswerCategory',
    description: "the answer's side: NPS 0–6 / 7–8 / 9–10; CSAT and CES by dissatisfied–neutral–satisfied (disagree–agree)",
  })
  @IsOptional()
  @IsIn(['detractor', 'passive', 'promoter'])
  category?: 'detractor' | 'passive' | 'promoter';

  @ApiPropertyOptional({ description: 'text the comment contains (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;
}

export class ListResponsesDto extends ResponseFilterDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
