import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';

export const METRIC_NAMES = ['nps', 'csat', 'ces'] as const;
export const RULE_KINDS = ['response', 'score_drop'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** Fields of both kinds; AlertRuleService checks which belong to which kind and the metric's range. */
export class CreateAlertRuleDto {
  @ApiProperty({ example: 'Checkout detractors' })
  @IsString()
  @Length(1, 120)
  name!: string;

  @ApiProperty({ enum: RULE_KINDS, enumName: 'AlertRuleKind' })
  @IsIn(RULE_KINDS)
  kind!: (typeof RULE_KINDS)[number];

  @ApiProperty({ enum: METRIC_NAMES, enumName: 'Metric' })
  @IsIn(METRIC_NAMES)
  metric!: MetricName;

  @ApiPropertyOptional({ description: 'response rules: alert when score ≤ this' })
  @IsOptional()
  @IsInt()
  scoreAtMost?: number;

  @ApiPropertyOptional({ description: 'response rules: only this touchpoint; score_drop: the touchpoint watched' })
  @IsOptional()
  @IsString()
  touchpointId?: string;

  @ApiPropertyOptional({ description: 'response rules: only these touchpoints' })
  @IsOptional()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  touchpointIds?: string[];

  @ApiPropertyOptional({ description: 'score_drop: the stage watched (instead of a touchpoint)' })
  @IsOptional()
  @IsString()
  stageId?: string;

  @ApiPropertyOptional({ description: 'score_drop: alert when the score falls below this (NPS points, CSAT %, CES mean)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  below?: number;

  @ApiPropertyOptional({ default: 30 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  windowDays?: number;

  @ApiPropertyOptional({ default: 30 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  minResponses?: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class ThresholdsDto {
  @IsOptional() @IsInt() @Min(0) @Max(10) nps?: number;
  @IsOptional() @IsInt() @Min(1) @Max(5) csat?: number;
  @IsOptional() @IsInt() @Min(1) @Max(7) ces?: number;
}

export class UpdateAlertRuleDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 120)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ description: 'the default rule: per-metric thresholds' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ThresholdsDto)
  thresholds?: ThresholdsDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  scoreAtMost?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  below?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  windowDays?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  minResponses?: number;
}
