import { Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext } from '../../../../libs/auth/auth-context';
import { AuthGuard, RequireRole } from '../../../../libs/auth/auth.guard';
import { JOB_STATES } from '../../../../libs/jobs/job-inspection.repository';
import { JobQueryDto } from '../../../../libs/jobs/job-query.dto';
import { JobViewService } from '../../../../libs/jobs/job-view.service';

/** A workspace admin's jobs (survey emails, event dispatch, webhook deliveries); the instance-wide board is for operators. */
@ApiTags('jobs')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@RequireRole('admin')
@Controller('api/v1/jobs')
export class JobController {
  constructor(private readonly jobs: JobViewService) {}

  @Get()
  list(@Auth() auth: AuthContext, @Query() query: JobQueryDto) {
    return this.jobs.list(auth.workspaceId, query.state ? [query.state] : JOB_STATES, query.limit ?? 50);
  }

  /** Runs a failed job of this workspace again, with fresh attempts. */
  @Post(':queue/:id/retry')
  @HttpCode(202)
  retry(@Auth() auth: AuthContext, @Param('queue') queue: string, @Param('id') id: string) {
    return this.jobs.retry(auth.workspaceId, queue, id);
  }
}
