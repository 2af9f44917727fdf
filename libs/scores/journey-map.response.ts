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

export class MapStageResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() position!: number;
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
