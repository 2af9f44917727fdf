import { Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext } from '../../../../libs/auth/auth-context';
import { AuthGuard, RequireRole } from '../../../../libs/auth/auth.guard';
import { JOB_STATES } from '../../../../libs/jobs/job-inspection.repository';
import { JobQueryDto } from '../../../../libs/jobs/job-query.dto';
import { JobViewService } from '../../../../libs/jobs/job-view.service';
import { JobListResponse, JobResponse } from '../../../../libs/jobs/job.response';
import { ApiErrors } from '../../../../libs/common/error.response';

/** A workspace admin's jobs (survey emails, event dispatch, webhook deliveries); the instance-wide board is for operators. */
@ApiTags('jobs')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@RequireRole('admin')
@ApiErrors(401, 403)
@Controller('api/v1/jobs')
export class JobController {
  constructor(private readonly jobs: JobViewService) {}

  @Get()
  @ApiOkResponse({ type: JobListResponse })
  @ApiErrors(400)
  list(@Auth() auth: AuthContext, @Query() query: JobQueryDto): Promise<JobListResponse> {
    return this.jobs.list(auth.workspaceId, query.state ? [query.state] : JOB_STATES, query.limit ?? 50);
  }

  /** Runs a failed job of this workspace again, with fresh attempts. */
  @Post(':queue/:id/retry')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: JobResponse })
  @ApiErrors(404, 409)
  retry(@Auth() auth: AuthContext, @Param('queue') queue: string, @Param('id') id: string): Promise<JobResponse> {
    return this.jobs.retry(auth.workspaceId, queue, id);
  }
}
