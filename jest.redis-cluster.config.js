// `npm run test:redis-cluster` (issue 18): the distribution and webhook suites on a real Redis Cluster of the run's
// own (3 masters + 3 replicas from the machine's redis-server, started by globalSetup; REDIS_CLUSTER_NODES reaches
// every file), and *.cluster-spec.ts files, which only this command runs (a master failover of the shared cluster).
// The main suite keeps test/redis-cluster.e2e-spec.ts as the short version.
const base = require('./jest.config');

module.exports = {
  ...base,
  roots: ['<rootDir>/test'],
  testMatch: ['<rootDir>/test/distribution*.e2e-spec.ts', '<rootDir>/test/webhooks*.e2e-spec.ts', '<rootDir>/test/*.cluster-spec.ts'],
  // Files of those suites that are inherently single-node go here, each with the reason (none so far).
  testPathIgnorePatterns: [...base.testPathIgnorePatterns],
  globalSetup: '<rootDir>/test/redis-cluster-global-setup.ts',
  globalTeardown: '<rootDir>/test/redis-cluster-global-teardown.ts',
  testSequencer: '<rootDir>/test/utils/failover-last.sequencer.js',
  // One file at a time: six redis-servers, an API and a worker per file already fill a 2-core machine, and a node
  // starved of CPU for the node timeout (3 s) is taken for dead and failed over.
  maxWorkers: 1,
  // The files run in this process (one worker is in band). After a master's SIGKILL a BullMQ Worker.close() can wait
  // for good on a blocking connection ioredis left 'reconnecting' (bullmq#4656; test/webhooks-failover.cluster-spec.ts
  // bounds its close): what it leaves running must not keep the command from ending after globalTeardown.
  forceExit: true,
  // So these files are not failed for what such a close leaves either (the main suite's environment fails a file for it).
  testEnvironment: 'node',
  reporters: ['default', ['<rootDir>/test/utils/slowest-files.reporter.js', { file: 'redis-cluster-durations.tsv' }]],
};
