import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { METRIC_NAMES, RULE_KINDS } from './alert-rule.dto';

const NULLABLE_NUMBER = { type: Number, nullable: true } as const;
const NULLABLE_UUID = { type: String, format: 'uuid', nullable: true } as const;

/**
 * An alert rule (alert-rule.mapper.ts). The fields after `updatedAt` depend on
 * `kind`: response rules carry scoreAtMost/thresholds/touchpointIds, score_drop
 * rules touchpointId/stageId/below/windowDays/minResponses/triggered.
 */
export class AlertRuleResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: RULE_KINDS, enumName: 'AlertRuleKind' }) kind!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ description: "the workspace's built-in detractor rule" }) isDefault!: boolean;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
  @ApiProperty({ enum: METRIC_NAMES, enumName: 'Metric', nullable: true, description: 'null on a response rule = every metric' })
  metric!: string | null;
  @ApiPropertyOptional({ ...NULLABLE_NUMBER, description: 'response rules' }) scoreAtMost?: number | null;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'number' },
    nullable: true,
    description: 'response rules: per-metric thresholds of the default rule',
  })
  thresholds?: unknown;
  @ApiPropertyOptional({ type: [String], description: 'response rules: empty = every touchpoint' }) touchpointIds?: string[];
  @ApiPropertyOptional({ ...NULLABLE_UUID, description: 'score_drop rules' }) touchpointId?: string | null;
  @ApiPropertyOptional({ ...NULLABLE_UUID, description: 'score_drop rules' }) stageId?: string | null;
  @ApiPropertyOptional({ ...NULLABLE_NUMBER, description: 'score_drop rules' }) below?: number | null;
  @ApiPropertyOptional({ ...NULLABLE_NUMBER, description: 'score_drop rules' }) windowDays?: number | null;
  @ApiPropertyOptional({ ...NULLABLE_NUMBER, description: 'score_drop rules' }) minResponses?: number | null;
  @ApiPropertyOptional({ description: 'score_drop rules: true while below the threshold' }) triggered?: boolean;
}

export class AlertRuleListResponse {
  @ApiProperty({ type: [AlertRuleResponse] }) data!: AlertRuleResponse[];
}

export class AlertResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: RULE_KINDS, enumName: 'AlertRuleKind' }) kind!: string;
  @ApiProperty({ format: 'uuid' }) ruleId!: string;
  @ApiProperty(NULLABLE_UUID) responseId!: string | null;
  @ApiProperty(NULLABLE_NUMBER) value!: number | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: unknown;
  @ApiProperty() createdAt!: Date;
}

export class AlertListResponse {
  @ApiProperty({ type: [AlertResponse], description: 'newest first, at most 200' }) data!: AlertResponse[];
}
