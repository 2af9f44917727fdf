// Public surface of libs/scores: other libs, the apps, scripts and tests import it as @cairn/scores.
export * from './journey-map.response';
export * from './journey-map.service';
export * from './property-filter';
export * from './score-context.service';
export { type CountRow, createdInSql, ScoreCountsRepository, segmentFilterSql } from './score-counts.repository';
export { type KeyedRange, type Piece, planPieces } from './range-plan';
export * from './score-query';
export { CI95, METRIC_ENUM } from './score-parts.response';
export * from './score-target.repository';
export * from './score.response';
export * from './score.service';
export * from './scores.module';
export * from './time-range';
