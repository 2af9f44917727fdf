import { ApiProperty } from '@nestjs/swagger';

// Pieces shared by the score and map answers.
export const METRIC_ENUM = { enum: ['nps', 'csat', 'ces'], enumName: 'Metric' } as const;
/** [lo, hi] of the 95% confidence interval; null while there is nothing to estimate. */
export const CI95 = {
  type: 'array',
  items: { type: 'number' },
  minItems: 2,
  maxItems: 2,
  nullable: true,
  description: '95% confidence interval [lo, hi]',
} as const;
export const NULLABLE_NUMBER = { type: Number, nullable: true } as const;

export class ScaleResponse {
  @ApiProperty() min!: number;
  @ApiProperty() max!: number;
}

export class DistributionEntryResponse {
  @ApiProperty() score!: number;
  @ApiProperty() count!: number;
}

/** A period against the one before it. */
export class ScoreComparisonResponse {
  @ApiProperty({ ...NULLABLE_NUMBER, description: "the previous period's score" }) score!: number | null;
  @ApiProperty() n!: number;
  @ApiProperty({ ...NULLABLE_NUMBER, description: 'current − previous; null when either side has n = 0' })
  delta!: number | null;
  @ApiProperty({ description: 'more than noise at 95%' }) significant!: boolean;
}
