import { SetMetadata } from '@nestjs/common';
import { JobData, JobName, JobRun } from './job.types';

export const ON_JOB = 'cairn:on-job';

type Handler<N extends JobName> = (data: JobData<N>, run: JobRun) => Promise<unknown>;

/**
 * Marks a plain service method as the handler of one job. The compiler checks
 * that the method takes that job's payload (JobData<N>), so a payload type is
 * declared once, in the job registry, and never again at the handler.
 */
export const OnJob =
  <N extends JobName>(name: N) =>
  <M extends Handler<N>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<M>): void => {
    SetMetadata(ON_JOB, name)(target, key, descriptor);
  };
