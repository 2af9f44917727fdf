import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock';
import { PrismaService } from '../database/prisma.service';
import { JobName } from '../jobs/job.types';
import { OnJob } from '../jobs/on-job.decorator';

const BATCH = 1000;

/** The moment `months` calendar months before `now` (UTC). */
export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}

/**
 * Workspace retention (workspace.retentionMonths): older responses lose their
 * comment and every link to the person (person and invitation). Scores,
 * touchpoint and the properties snapshot stay, so history and segments keep
 * counting. Runs hourly; batches keep each transaction short.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
  ) {}

  @OnJob(JobName.ApplyRetention)
  async apply(): Promise<number> {
    const now = this.clock.now();
    const workspaces = await this.prisma.workspace.findMany({
      where: { retentionMonths: { not: null, gt: 0 } },
      select: { id: true, retentionMonths: true },
    });
    let total = 0;
    for (const workspace of workspaces) {
      total += await this.applyTo(workspace.id, retentionCutoff(now, workspace.retentionMonths!), now);
    }
    if (total) this.logger.log(`retention anonymised ${total} responses`);
    return total;
  }

  private async applyTo(workspaceId: string, cutoff: Date, now: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const changed = await this.prisma.$executeRaw`
        UPDATE responses SET comment = NULL, person_id = NULL, invitation_id = NULL, anonymised_at = ${now}, updated_at = ${now}
        WHERE id IN (
          SELECT id FROM responses
          WHERE workspace_id = ${workspaceId} AND created_at < ${cutoff}
            AND (comment IS NOT NULL OR person_id IS NOT NULL OR invitation_id IS NOT NULL)
          LIMIT ${BATCH})`;
      total += changed;
      if (changed < BATCH) return total;
    }
  }
}
