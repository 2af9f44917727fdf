import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Metric } from '@cairn/scoring';
import { CI95, METRIC_ENUM } from '@cairn/scores';
import { IMPROVEMENT_STATUSES, type ImprovementStatusName } from './improvement.dto';
import type { EffectStatus } from './improvement-effect';

export class EffectPeriodResponse {
  @ApiProperty() n!: number;
  @ApiProperty({ nullable: true, type: Number }) score!: number | null;
  @ApiProperty(CI95) ci95!: [number, number] | null;
}

export class EffectWindowResponse extends EffectPeriodResponse {
  @ApiProperty() since!: string;
  @ApiProperty({ description: 'the end of the window, or now while measuring' }) until!: string;
}

export class EffectControlResponse {
  @ApiProperty({ description: "the journey's other touchpoints with answers or a survey of the metric" }) touchpoints!: number;
  @ApiProperty({ type: EffectPeriodResponse }) before!: EffectPeriodResponse;
  @ApiProperty({ type: EffectPeriodResponse }) after!: EffectPeriodResponse;
  @ApiProperty() delta!: number;
  @ApiProperty(CI95) ci95!: [number, number] | null;
}

export class ImprovementEffectResponse {
  @ApiProperty(METRIC_ENUM) metric!: Metric;
  @ApiProperty() windowDays!: number;
  @ApiProperty({ description: "answers each of the touchpoint's windows needs (the workspace's minimum n)" }) minN!: number;
  @ApiProperty({ type: EffectWindowResponse }) before!: EffectWindowResponse;
  @ApiProperty({ type: EffectWindowResponse }) after!: EffectWindowResponse;
  @ApiProperty({ nullable: true, type: Number, description: 'after − before' }) delta!: number | null;
  @ApiProperty(CI95) ci95!: [number, number] | null;
  @ApiProperty({ description: 'measured, and the 95% interval of delta excludes 0' }) significant!: boolean;
  @ApiProperty({ type: EffectControlResponse, nullable: true }) control!: EffectControlResponse | null;
  @ApiProperty({ nullable: true, type: Number, description: 'delta − control.delta (difference in differences)' })
  adjustedDelta!: number | null;
  @ApiProperty(CI95) adjustedCi95!: [number, number] | null;
  @ApiProperty() adjustedSignificant!: boolean;
  @ApiProperty({ enum: ['measuring', 'measured', 'insufficient_data'], enumName: 'ImprovementEffectStatus' }) status!: EffectStatus;
}

export class ImprovementResponse {
  @ApiProperty() id!: string;
  @ApiProperty() touchpointId!: string;
  @ApiProperty() journeyId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) hypothesis!: string | null;
  @ApiProperty({ nullable: true, type: String }) owner!: string | null;
  @ApiProperty({ enum: IMPROVEMENT_STATUSES, enumName: 'ImprovementStatus' }) status!: ImprovementStatusName;
  @ApiProperty(METRIC_ENUM) metric!: Metric;
  @ApiProperty({ nullable: true, type: Date }) launchedAt!: Date | null;
  @ApiProperty() windowDays!: number;
  @ApiPropertyOptional({ type: ImprovementEffectResponse, nullable: true, description: 'null until launchedAt is set' })
  effect!: ImprovementEffectResponse | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class ImprovementListResponse {
  @ApiProperty({ type: [ImprovementResponse] }) data!: ImprovementResponse[];
}
