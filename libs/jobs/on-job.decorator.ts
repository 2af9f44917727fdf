import { SetMetadata } from '@nestjs/common';
import { JobName } from './job.types';

export const ON_JOB = 'cairn:on-job';

/** Marks a plain service method as the handler of one job. */
export const OnJob = (name: JobName): MethodDecorator => SetMetadata(ON_JOB, name);
