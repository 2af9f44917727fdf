import { ApiProperty } from '@nestjs/swagger';
import { ResponseAnalysisResponse } from '@cairn/responses';
import { CaseResponse } from './case.response';
import { TIMELINE_KINDS } from './case-history.mapper';

const NULLABLE_STRING = { type: String, nullable: true } as const;
const NULLABLE_DATE = { type: Date, nullable: true } as const;

class ScaleRef {
  @ApiProperty() min!: number;
  @ApiProperty() max!: number;
}

export class CaseAnswer {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['nps', 'csat', 'ces'], enumName: 'Metric' }) metric!: string;
  @ApiProperty() score!: number;
  @ApiProperty({ type: ScaleRef }) scale!: ScaleRef;
  @ApiProperty(NULLABLE_STRING) comment!: string | null;
  @ApiProperty({ type: ResponseAnalysisResponse, nullable: true, description: "the comment's sentiment and themes; null while pending" })
  analysis!: ResponseAnalysisResponse | null;
  @ApiProperty(NULLABLE_STRING) locale!: string | null;
  @ApiProperty() source!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ description: 'last write of the answer (an edit moves it)' }) updatedAt!: Date;
  @ApiProperty(NULLABLE_DATE) editableUntil!: Date | null;
  @ApiProperty() anonymised!: boolean;
}

export class CasePerson {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty(NULLABLE_STRING) email!: string | null;
  @ApiProperty(NULLABLE_STRING) name!: string | null;
  @ApiProperty(NULLABLE_STRING) externalId!: string | null;
  @ApiProperty(NULLABLE_STRING) locale!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) properties!: Record<string, unknown>;
  @ApiProperty() erased!: boolean;
}

export class CaseEvent {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() type!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) properties!: Record<string, unknown>;
  @ApiProperty() occurredAt!: Date;
}

class NamedRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class CaseTouchpoint extends NamedRef {
  @ApiProperty() key!: string;
  @ApiProperty() channel!: string;
  @ApiProperty({ type: NamedRef }) stage!: NamedRef;
  @ApiProperty({ type: NamedRef }) journey!: NamedRef;
}

export class CaseRelationship {
  @ApiProperty({ type: NamedRef, description: "the relationship survey's journey" }) journey!: NamedRef;
}

export class CaseSla {
  @ApiProperty({ description: "the workspace's SLA now (new cases)" }) hours!: number;
  @ApiProperty(NULLABLE_DATE) dueAt!: Date | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty(NULLABLE_DATE) resolvedAt!: Date | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'resolved by its deadline; null while unresolved' }) metSla!: boolean | null;
  @ApiProperty() autoResolve!: boolean;
}

export class CaseAlert {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) ruleId!: string;
  @ApiProperty() ruleName!: string;
  @ApiProperty({ type: Number, nullable: true }) value!: number | null;
  @ApiProperty() createdAt!: Date;
}

export class CaseWebhook {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() eventType!: string;
  @ApiProperty({ format: 'uuid' }) endpointId!: string;
  @ApiProperty({ description: "the endpoint's host only (hook URLs may carry secrets)" }) host!: string;
  @ApiProperty({ enum: ['pending', 'succeeded', 'failed'], enumName: 'DeliveryStatus' }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: Number, nullable: true }) lastStatus!: number | null;
  @ApiProperty(NULLABLE_DATE) deliveredAt!: Date | null;
  @ApiProperty() createdAt!: Date;
}

export class CaseTimelineEntry {
  @ApiProperty() at!: Date;
  @ApiProperty({ enum: TIMELINE_KINDS, enumName: 'CaseTimelineKind' }) kind!: string;
  @ApiProperty({ ...NULLABLE_STRING, description: 'id of the alert, webhook delivery, note, event or answer' }) refId!: string | null;
}

/** GET /cases/:id/history (case-history.service.ts). */
export class CaseHistoryResponse {
  @ApiProperty({ type: CaseResponse }) case!: CaseResponse;
  @ApiProperty({ type: CaseAnswer, nullable: true }) answer!: CaseAnswer | null;
  @ApiProperty({ type: CasePerson, nullable: true }) person!: CasePerson | null;
  @ApiProperty({ type: CaseEvent, nullable: true }) event!: CaseEvent | null;
  @ApiProperty({ type: CaseTouchpoint, nullable: true }) touchpoint!: CaseTouchpoint | null;
  @ApiProperty({
    type: CaseRelationship,
    nullable: true,
    description: 'set when the answer is to a relationship survey (then touchpoint is null): the journey it asked about',
  })
  relationship!: CaseRelationship | null;
  @ApiProperty({ type: CaseSla }) sla!: CaseSla;
  @ApiProperty({ type: [CaseAlert] }) alerts!: CaseAlert[];
  @ApiProperty({ type: [CaseWebhook] }) webhooks!: CaseWebhook[];
  @ApiProperty({ type: [CaseTimelineEntry] }) timeline!: CaseTimelineEntry[];
}
