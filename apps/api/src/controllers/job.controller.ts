import { Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, AuthGuard, RequireRole } from '@cairn/auth';
import { JOB_STATES, JobQueryDto, JobViewService, JobListResponse, JobResponse } from '@cairn/jobs';
import { ApiErrors } from '@cairn/common';

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
