import { ApiProperty } from '@nestjs/swagger';
import type { Metric } from '@cairn/scoring';
import { CI95, METRIC_ENUM } from '@cairn/scores';
import type { Quadrant } from './key-drivers';

export const QUADRANTS: Quadrant[] = ['fix_first', 'keep_up', 'monitor', 'maintain'];

export class DriverOutcomeResponse {
  @ApiProperty({ description: 'the journey’s relationship survey' }) surveyId!: string;
  @ApiProperty(METRIC_ENUM) metric!: Metric;
  @ApiProperty({ description: 'people whose latest relationship answer is in the period' }) n!: number;
  @ApiProperty({ description: 'of them, people with at least one touchpoint answer in the window before it' }) matched!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'the relationship score of those answers (metric maths of product.md)' })
  score!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'R² of the relationship answer on the touchpoints with enough answers' })
  r2!: number | null;
}

export class DriverResponse {
  @ApiProperty() touchpointId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ ...METRIC_ENUM, description: 'the metric of its answers used here (the one most respondents answered)' })
  metric!: Metric;
  @ApiProperty({ description: 'respondents who answered this touchpoint in the window' }) n!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'share of the explained R² (relative weights), 0..1; null below minN' })
  importance!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Pearson r of the touchpoint answer with the relationship answer' })
  correlation!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'two-sided p-value of r (t-test, n − 2 df)' }) pValue!: number | null;
  @ApiProperty({ description: 'p < 0.05 and n ≥ minN' }) significant!: boolean;
  @ApiProperty({ nullable: true, type: Number, description: 'the touchpoint’s score in the period, in its metric' })
  performance!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'the same on the journey map’s −1..1 scale (the quadrants’ axis)' })
  normalisedPerformance!: number | null;
  @ApiProperty({ description: 'fewer than minN answers: no importance, no verdict' }) lowN!: boolean;
  @ApiProperty({ enum: QUADRANTS, enumName: 'DriverQuadrant', nullable: true }) quadrant!: Quadrant | null;
}

export class ThemeDriverResponse {
  @ApiProperty() theme!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'people whose touchpoint comments mention it' }) n!: number;
  @ApiProperty() nWithout!: number;
  @ApiProperty({ description: 'mean relationship answer of those who mentioned it' }) meanWith!: number;
  @ApiProperty({ nullable: true, type: Number }) meanWithout!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'meanWith − meanWithout' }) difference!: number | null;
  @ApiProperty(CI95) ci95!: [number, number] | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Welch’s t-test' }) pValue!: number | null;
  @ApiProperty() significant!: boolean;
  @ApiProperty() lowN!: boolean;
}

export class DriversResponse {
  @ApiProperty() journeyId!: string;
  @ApiProperty() since!: string;
  @ApiProperty() until!: string;
  @ApiProperty({ description: 'touchpoint answers count when given this many days before the relationship answer' })
  windowDays!: number;
  @ApiProperty({ description: 'answers a touchpoint needs for an importance and a verdict (the workspace’s minimum n)' }) minN!: number;
  @ApiProperty({ description: 'mentions (and non-mentions) a theme needs for a verdict' }) minThemeN!: number;
  @ApiProperty({ type: DriverOutcomeResponse }) outcome!: DriverOutcomeResponse;
  @ApiProperty({ nullable: true, type: Number, description: 'the quadrants’ vertical line' }) meanImportance!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'the quadrants’ horizontal line (−1..1)' }) meanPerformance!: number | null;
  @ApiProperty({ type: [DriverResponse], description: 'most important first' }) drivers!: DriverResponse[];
  @ApiProperty({ type: [ThemeDriverResponse], description: 'the themes that go with the lowest relationship scores first' })
  themes!: ThemeDriverResponse[];
}

export class RelationshipPointResponse {
  @ApiProperty() start!: string;
  @ApiProperty() n!: number;
  @ApiProperty({ nullable: true, type: Number }) score!: number | null;
  @ApiProperty(CI95) ci95!: [number, number] | null;
}

export class RelationshipTrendResponse {
  @ApiProperty({ nullable: true, type: String, description: 'null when the journey has no relationship survey' }) surveyId!: string | null;
  @ApiProperty({ ...METRIC_ENUM, nullable: true }) metric!: Metric | null;
  @ApiProperty({ type: [RelationshipPointResponse], description: 'the last 12 calendar months (UTC), oldest first' })
  series!: RelationshipPointResponse[];
}
