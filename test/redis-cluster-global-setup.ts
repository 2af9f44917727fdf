// Jest loads this file outside its module system: @cairn/<lib> needs Node's resolver taught first.
import './utils/cairn-alias';
import globalSetup from './global-setup';
import { OwnRedisCluster } from './utils/own-redis-cluster';

/**
 * `npm run test:redis-cluster`: the main suite's setup (template database, run id), then one Redis Cluster of the
 * run's own (3 masters, 3 replicas) for every file. REDIS_CLUSTER_NODES reaches the test processes through the
 * environment (Jest starts its workers after this), and testConfig, the key clean-up and spawned apps read it there.
 * The cluster is kept on globalThis, which globalTeardown shares with this file, to stop it.
 */
export default async function redisClusterGlobalSetup(): Promise<void> {
  await globalSetup();
  const cluster = await OwnRedisCluster.start();
  (globalThis as { cairnRedisCluster?: OwnRedisCluster }).cairnRedisCluster = cluster;
  process.env.REDIS_CLUSTER_NODES = cluster.nodesVariable;
}
