// Jest loads this file outside its module system: @cairn/<lib> needs Node's resolver taught first.
import './utils/cairn-alias';
import { dropRunDatabases, runAll } from './global-teardown';
import { OwnRedisCluster } from './utils/own-redis-cluster';
import { stopRunRedisServers } from './utils/redis-server-process';

/**
 * Stops the run's Redis Cluster (its keys go with it, so no key clean-up) and drops the run's databases; then, as the
 * main suite's teardown does, kills any redis-server of this run still alive (a node the cluster object lost track
 * of, a file's own Redis) and removes their directories. Every step runs however the others end.
 */
export default async function redisClusterGlobalTeardown(): Promise<void> {
  const cluster = (globalThis as { cairnRedisCluster?: OwnRedisCluster }).cairnRedisCluster;
  const failures = await runAll([async () => cluster?.stop(), () => dropRunDatabases(), () => stopRunRedisServers()]);
  if (failures.length) throw new AggregateError(failures, `globalTeardown: ${failures.map((f) => (f as Error).message).join('; ')}`);
}
