import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateIf } from 'class-validator';
import { IsInstantInRange } from '@cairn/common';
import { METRICS, type Metric } from '@cairn/scoring';

export const IMPROVEMENT_STATUSES = ['planned', 'in_progress', 'launched', 'done', 'abandoned'] as const;
export type ImprovementStatusName = (typeof IMPROVEMENT_STATUSES)[number];
export const DEFAULT_WINDOW_DAYS = 30;
// A year on each side of the launch is as far as a before/after comparison stays about the change.
const MAX_WINDOW_DAYS = 365;

/** Present and not null: PATCH takes null to clear a field, undefined to leave it. */
const given = (_: object, value: unknown) => value !== null && value !== undefined;
/** Present, null included: a field that cannot be cleared refuses null rather than letting it through (IsOptional would). */
const present = (_: object, value: unknown) => value !== undefined;

export class CreateImprovementDto {
  @ApiProperty({ format: 'uuid', description: 'the touchpoint the change was made on' }) @IsUUID() touchpointId!: string;
  @ApiProperty({ example: 'Delivery slot picker at checkout' }) @IsString() @Length(1, 200) title!: string;

  @ApiPropertyOptional({ example: 'Fewer "late delivery" detractors when customers choose the slot' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  hypothesis?: string;

  @ApiPropertyOptional({ example: 'Logistics team' }) @IsOptional() @IsString() @Length(1, 200) owner?: string;

  @ApiPropertyOptional({ enum: IMPROVEMENT_STATUSES, enumName: 'ImprovementStatus', default: 'planned' })
  @IsOptional()
  @IsIn(IMPROVEMENT_STATUSES)
  status?: ImprovementStatusName;

  @ApiPropertyOptional({ description: 'ISO-8601; set (or status launched) starts the measuring' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @IsInstantInRange()
  launchedAt?: string;

  @ApiPropertyOptional({ default: DEFAULT_WINDOW_DAYS, minimum: 1, maximum: MAX_WINDOW_DAYS })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_WINDOW_DAYS)
  windowDays?: number;

  @ApiPropertyOptional({
    enum: METRICS,
    enumName: 'Metric',
    description: 'the metric of the effect: one the touchpoint has a survey or answers of (else 422); by default its only one',
  })
  @IsOptional()
  @IsIn(METRICS)
  metric?: Metric;
}

export class UpdateImprovementDto {
  @ApiPropertyOptional() @ValidateIf(present) @IsString() @Length(1, 200) title?: string;

  @ApiPropertyOptional({ nullable: true, description: 'null clears it' })
  @ValidateIf(given)
  @IsString()
  @Length(1, 2000)
  hypothesis?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'null clears it' }) @ValidateIf(given) @IsString() @Length(1, 200) owner?:
    string | null;

  @ApiPropertyOptional({ enum: IMPROVEMENT_STATUSES, enumName: 'ImprovementStatus' })
  @ValidateIf(present)
  @IsIn(IMPROVEMENT_STATUSES)
  status?: ImprovementStatusName;

  @ApiPropertyOptional({ nullable: true, description: 'ISO-8601; null clears it (and the effect)' })
  @ValidateIf(given)
  @IsISO8601({ strict: true, strictSeparator: true })
  @IsInstantInRange()
  launchedAt?: string | null;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_WINDOW_DAYS })
  @ValidateIf(present)
  @IsInt()
  @Min(1)
  @Max(MAX_WINDOW_DAYS)
  windowDays?: number;

  @ApiPropertyOptional({ enum: METRICS, enumName: 'Metric', description: 'one the touchpoint has a survey or answers of (else 422)' })
  @ValidateIf(present)
  @IsIn(METRICS)
  metric?: Metric;
}

export class ListImprovementsQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() touchpointId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() journeyId?: string;
}
