// Public surface of libs/rate-limit: other libs, the apps, scripts and tests import it as @cairn/rate-limit.
export * from './rate-limit.guard';
export * from './rate-limit.module';
export * from './rate-limit.policy';
export * from './rate-limit.repository';
