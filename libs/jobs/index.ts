// Public surface of libs/jobs: other libs, the apps, scripts and tests import it as @cairn/jobs.
export * from './job-handler.registry';
export * from './job-ids';
export * from './job-inspection.repository';
export * from './job-ownership.repository';
export * from './job-query.dto';
export * from './job-view.service';
export * from './job.repository';
export * from './job.response';
export * from './job.types';
export * from './jobs.module';
export * from './on-job.decorator';
