import { ApiProperty } from '@nestjs/swagger';
import { JOB_STATES } from './job-inspection.repository';
import type { JobSubjectType } from './job-subject';

const NULLABLE_TIME = { type: String, format: 'date-time', nullable: true } as const;

export class JobSubjectResponse {
  @ApiProperty({
    enum: ['invitation', 'outbox-event', 'webhook-delivery', 'webhook-endpoint', 'case'],
    enumName: 'JobSubjectType',
  })
  type!: JobSubjectType;
  @ApiProperty({ description: 'id of the row the job works on' }) id!: string;
}

/** A job of this workspace, without its payload (job-view.service.ts). */
export class JobResponse {
  @ApiProperty({ description: "BullMQ's job id (not a UUID)" }) id!: string;
  @ApiProperty({ enum: ['email', 'events', 'webhooks', 'maintenance'], enumName: 'QueueName' }) queue!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: JOB_STATES, enumName: 'JobState' }) state!: string;
  @ApiProperty({ type: JobSubjectResponse }) subject!: JobSubjectResponse;
  @ApiProperty() attempts!: number;
  @ApiProperty() maxAttempts!: number;
  @ApiProperty({ type: String, nullable: true, description: 'scrubbed of addresses and tokens' }) failedReason!: string | null;
  @ApiProperty(NULLABLE_TIME) createdAt!: string | null;
  @ApiProperty(NULLABLE_TIME) runAt!: string | null;
  @ApiProperty(NULLABLE_TIME) processedAt!: string | null;
  @ApiProperty(NULLABLE_TIME) finishedAt!: string | null;
}

export class JobListResponse {
  @ApiProperty({ type: [JobResponse] }) data!: JobResponse[];
  @ApiProperty({ description: 'true when the scan stopped before filling the page' }) truncated!: boolean;
}
