// Public surface of libs/ops: other libs, the apps, scripts and tests import it as @cairn/ops.
export * from './health.controller';
export * from './log-format';
export * from './logger';
export * from './metrics.controller';
export * from './metrics.service';
export * from './operations.module';
export * from './queue-board';
export * from './restart-backoff.policy';
export * from './node-runtime';
export * from './api-cluster';
