import { ApiProperty } from '@nestjs/swagger';
import type { Interval, Metric } from '@cairn/scoring';
import { CI95, METRIC_ENUM, NULLABLE_NUMBER, ScoreComparisonResponse } from './score-parts.response';

export class MapTrendPointResponse {
  @ApiProperty({ format: 'date-time' }) start!: string;
  @ApiProperty(NULLABLE_NUMBER) score!: number | null;
  @ApiProperty() n!: number;
}

/** One touchpoint × metric on the map; a touchpoint without surveys or answers shows once with metric null. */
export class MapTouchpointResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'the touchpoint channel' }) channel!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the team that owns it' }) owner!: string | null;
  @ApiProperty({ ...NULLABLE_NUMBER, description: "the score it should reach on its metric's scale" }) target!: number | null;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: "score ≥ target; null without a target, without answers, or with a target off this metric's scale",
  })
  targetMet!: boolean | null;
  @ApiProperty({ ...METRIC_ENUM, nullable: true }) metric!: Metric | null;
  @ApiProperty() n!: number;
  @ApiProperty(NULLABLE_NUMBER) score!: number | null;
  @ApiProperty(CI95) ci95!: Interval | null;
  @ApiProperty() reliable!: boolean;
  @ApiProperty({ type: [MapTrendPointResponse], description: 'equal periods, the last one is the range asked' })
  trend!: MapTrendPointResponse[];
  @ApiProperty(NULLABLE_NUMBER) delta!: number | null;
  @ApiProperty({ type: ScoreComparisonResponse, nullable: true }) previous!: ScoreComparisonResponse | null;
  @ApiProperty({ ...NULLABLE_NUMBER, description: 'normalised −1..1' }) emotion!: number | null;
}

export class MapThemeQuoteResponse {
  @ApiProperty({ format: 'uuid' }) responseId!: string;
  @ApiProperty({ description: 'one line, at most 200 characters' }) text!: string;
}

export class MapStageThemeResponse {
  @ApiProperty() theme!: string;
  @ApiProperty({ description: 'its English name' }) name!: string;
  @ApiProperty({ description: 'analysed comments of the stage that mention it' }) mentions!: number;
  @ApiProperty({ description: 'negative mentions / mentions, 0..1' }) negativeShare!: number;
  @ApiProperty({
    type: MapThemeQuoteResponse,
    nullable: true,
    description:
      'the most negative comment for a negative-leaning theme (more negative than positive mentions), else the most positive; short ones first',
  })
  quote!: MapThemeQuoteResponse | null;
}

export class MapPainPointResponse {
  @ApiProperty({ format: 'uuid' }) touchpointId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ ...METRIC_ENUM, nullable: true }) metric!: Metric | null;
  @ApiProperty({ enum: ['below_target', 'significant_drop'], enumName: 'PainPointReason', isArray: true }) reasons!: Array<
    'below_target' | 'significant_drop'
  >;
  @ApiProperty(NULLABLE_NUMBER) score!: number | null;
  @ApiProperty(NULLABLE_NUMBER) target!: number | null;
  @ApiProperty({ ...NULLABLE_NUMBER, description: 'against the previous period of equal length' }) delta!: number | null;
  @ApiProperty() reliable!: boolean;
}

export class MapStageResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() position!: number;
  @ApiProperty({ type: String, nullable: true }) customerGoal!: string | null;
  @ApiProperty({ type: [String] }) customerActions!: string[];
  @ApiProperty({ ...NULLABLE_NUMBER, description: "mean sentiment score (−1..1) of the stage's analysed comments in the range" })
  sentiment!: number | null;
  @ApiProperty({ description: 'analysed comments behind sentiment' }) sentimentN!: number;
  @ApiProperty({ type: [MapStageThemeResponse], description: 'the 3 most mentioned themes' }) topThemes!: MapStageThemeResponse[];
  @ApiProperty({ type: [MapPainPointResponse], description: 'touchpoints below target or significantly down' })
  painPoints!: MapPainPointResponse[];
  @ApiProperty({ ...NULLABLE_NUMBER, description: 'the emotion curve: normalised −1..1, weighted by n' })
  emotion!: number | null;
  @ApiProperty() n!: number;
  @ApiProperty({ type: [MapTouchpointResponse] }) touchpoints!: MapTouchpointResponse[];
}

export class MapJourneyRefResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

/** GET /journeys/:id/map. */
export class JourneyMapResponse {
  @ApiProperty({ type: MapJourneyRefResponse }) journey!: MapJourneyRefResponse;
  @ApiProperty({ format: 'date-time' }) since!: string;
  @ApiProperty({ format: 'date-time' }) until!: string;
  @ApiProperty() tz!: string;
  @ApiProperty({ type: [MapStageResponse] }) stages!: MapStageResponse[];
}
