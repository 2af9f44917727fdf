import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { LimitQuery } from '@cairn/common';
import { JOB_STATES, JobState } from './job-inspection.repository';

export class JobQueryDto extends LimitQuery {
  @ApiPropertyOptional({ enum: JOB_STATES, enumName: 'JobState', description: 'one state; all states when absent' })
  @IsOptional()
  @IsIn(JOB_STATES)
  state?: JobState;
}
