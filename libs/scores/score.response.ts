import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { BucketInterval, Interval, Metric } from '@cairn/scoring';
import {
  CI95,
  DistributionEntryResponse,
  METRIC_ENUM,
  NULLABLE_NUMBER,
  ScaleResponse,
  ScoreComparisonResponse,
} from './score-parts.response';
import type { PropertyValue } from './property-filter';
import type { TargetType } from './score-target.repository';

const SEGMENT_VALUE = { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] };

export class ScoreTargetResponse {
  @ApiProperty({ enum: ['touchpoint', 'stage', 'journey'], enumName: 'ScoreTargetType' }) type!: TargetType;
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class ScorePointResponse {
  @ApiProperty({ format: 'date-time' }) start!: string;
  @ApiProperty() n!: number;
  @ApiProperty(NULLABLE_NUMBER) score!: number | null;
  @ApiProperty(CI95) ci95!: Interval | null;
}

export class PreviousPeriodResponse extends ScoreComparisonResponse {
  @ApiProperty({ format: 'date-time' }) since!: string;
  @ApiProperty({ format: 'date-time' }) until!: string;
}

export class ResponseRateResponse {
  @ApiProperty() sent!: number;
  @ApiProperty() responded!: number;
  @ApiProperty({ ...NULLABLE_NUMBER, description: 'percent; null when nothing was sent' }) rate!: number | null;
}

/** GET /scores. The fields after `distribution` depend on the metric, as each one's own figures. */
export class ScoreResponse {
  @ApiProperty({ type: ScoreTargetResponse }) target!: ScoreTargetResponse;
  @ApiProperty({ format: 'date-time' }) since!: string;
  @ApiProperty({ format: 'date-time' }) until!: string;
  @ApiProperty({ example: 'UTC' }) tz!: string;
  @ApiProperty({ enum: ['day', 'week', 'month'], enumName: 'ScoreInterval' }) interval!: BucketInterval;
  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [SEGMENT_VALUE, { type: 'array', items: SEGMENT_VALUE }] },
    description: 'the segment.<property> filters applied',
  })
  segment!: Record<string, PropertyValue | PropertyValue[]>;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) persona!: string | null;
  @ApiProperty(METRIC_ENUM) metric!: Metric;
  @ApiProperty({ type: ScaleResponse }) scale!: ScaleResponse;
  @ApiProperty({ description: 'how the score is computed' }) rule!: string;
  @ApiProperty() n!: number;
  @ApiProperty({ ...NULLABLE_NUMBER, description: 'NPS points, CSAT percent or CES mean' }) score!: number | null;
  @ApiProperty(CI95) ci95!: Interval | null;
  @ApiProperty({ description: 'false below the workspace minimum n' }) reliable!: boolean;
  @ApiProperty({ type: [DistributionEntryResponse] }) distribution!: DistributionEntryResponse[];
  @ApiPropertyOptional({ description: 'nps' }) promoters?: number;
  @ApiPropertyOptional({ description: 'nps' }) passives?: number;
  @ApiPropertyOptional({ description: 'nps' }) detractors?: number;
  @ApiPropertyOptional({ ...NULLABLE_NUMBER, description: 'nps' }) nps?: number | null;
  @ApiPropertyOptional({ ...NULLABLE_NUMBER, description: 'nps: standard error' }) se?: number | null;
  @ApiPropertyOptional({ description: 'csat' }) satisfied?: number;
  @ApiPropertyOptional({ ...NULLABLE_NUMBER, description: 'csat' }) csat?: number | null;
  @ApiPropertyOptional({ ...NULLABLE_NUMBER, description: 'csat and ces: mean answer' }) mean?: number | null;
  @ApiPropertyOptional({ description: 'ces' }) agree?: number;
  @ApiPropertyOptional({ ...NULLABLE_NUMBER, description: 'ces: percent who agree' }) agreePct?: number | null;
  @ApiProperty({ type: [ScorePointResponse] }) series!: ScorePointResponse[];
  @ApiProperty({ type: PreviousPeriodResponse }) previous!: PreviousPeriodResponse;
  @ApiProperty({ type: ResponseRateResponse }) responseRate!: ResponseRateResponse;
}
