import { execFile } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { redisTempDir, RedisServerProcess, spawnRedisServer } from './redis-server-process';
import { sparePort } from './spare-port';
import { waitFor } from './wait-for';

const run = promisify(execFile);

/**
 * What a test can do to a running Redis Cluster knowing only its nodes' ports: REDIS_CLUSTER_NODES is all a test file
 * of `npm run test:redis-cluster` has (globalSetup, another process, started the nodes). Every question goes to a
 * node that answers, so it keeps working after a node was killed.
 */
export class RedisClusterControl {
  constructor(readonly ports: number[]) {}

  static fromSeeds(seeds: Array<{ host: string; port: number }>): RedisClusterControl {
    return new RedisClusterControl(seeds.map((seed) => seed.port));
  }

  /** The port of the master that serves `key`'s slot now, as a live node sees it. */
  async masterOf(key: string): Promise<number> {
    return this.onAnyNode(async (client) => {
      const slot = Number(await client.call('CLUSTER', 'KEYSLOT', key));
      const ranges = (await client.call('CLUSTER', 'SLOTS')) as Array<[number, number, [string, number]]>;
      return ranges.find(([from, to]) => slot >= from && slot <= to)![2][1];
    });
  }

  /** The port of a replica of `masterPort` whose replication link is up. */
  async replicaOf(masterPort: number): Promise<number> {
    return waitFor(
      () =>
        this.onNode(masterPort, async (client) => {
          const info = String(await client.info('replication'));
          // slave0:ip=127.0.0.1,port=7001,state=online,offset=…,lag=0
          const online = /^slave\d+:ip=[^,]+,port=(\d+),state=online/m.exec(info);
          return online ? Number(online[1]) : null;
        }),
      30_000,
      `an online replica of ${masterPort}`,
    );
  }

  /**
   * A planned failover (CLUSTER FAILOVER on the replica, what an operator runs before maintenance): the replica
   * catches up with its master, takes over its slots, and the old master becomes its replica. Resolves with the new
   * master's port once every live node serves `key` from it.
   */
  async failover(key: string): Promise<number> {
    const master = await this.masterOf(key);
    const replica = await this.replicaOf(master);
    await this.onNode(replica, (client) => client.call('CLUSTER', 'FAILOVER'));
    await this.awaitMaster(key, replica);
    return replica;
  }

  /**
   * SIGKILL of the node on `port`, found by the pid it reports (the test and the node are on one machine). Its replica
   * is promoted once the other masters agree it is gone (the node timeout, then an election): resolves with the new
   * master of `key` then.
   */
  async kill(port: number, key: string): Promise<number> {
    const pid = await this.onNode(port, async (client) => Number(/process_id:(\d+)/.exec(String(await client.info('server')))![1]));
    process.kill(pid, 'SIGKILL');
    const promoted = await waitFor(
      async () => {
        const master = await this.masterOf(key);
        return master !== port && master;
      },
      60_000,
      `a replica to take over from ${port}`,
    );
    await this.awaitMaster(key, promoted);
    return promoted;
  }

  /** Every node that answers says the cluster is ok and that `port` serves `key`'s slot. */
  private async awaitMaster(key: string, port: number): Promise<void> {
    await waitFor(
      async () => {
        const views = await Promise.all(
          this.ports.map((p) =>
            this.onNode(p, async (client) => {
              const ok = String(await client.call('CLUSTER', 'INFO')).includes('cluster_state:ok');
              const slot = Number(await client.call('CLUSTER', 'KEYSLOT', key));
              const ranges = (await client.call('CLUSTER', 'SLOTS')) as Array<[number, number, [string, number]]>;
              return ok && ranges.find(([from, to]) => slot >= from && slot <= to)?.[2][1] === port;
            }).catch(() => null),
          ),
        );
        // null: a node that does not answer (killed); the live ones must all agree.
        return views.some((view) => view !== null) && views.every((view) => view !== false);
      },
      60_000,
      `every node to see ${port} serve ${key}`,
    );
  }

  private async onAnyNode<T>(question: (client: Redis) => Promise<T>): Promise<T> {
    let last: unknown;
    for (const port of this.ports) {
      try {
        return await this.onNode(port, question);
      } catch (error) {
        last = error; // a killed node: ask the next
      }
    }
    throw last;
  }

  private async onNode<T>(port: number, question: (client: Redis) => Promise<T>): Promise<T> {
    // One attempt, no reconnects: a dead node must fail the question at once.
    const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return await question(client);
    } finally {
      client.disconnect();
    }
  }
}

/**
 * A Redis Cluster of a test's own: 3 masters and 3 replicas from the machine's redis-server on spare ports (no
 * persistence), built with `redis-cli --cluster create`. A 3 s node timeout lets a replica take over from a killed
 * master within seconds, yet a healthy node on a loaded machine is not taken for dead.
 */
export class OwnRedisCluster {
  private readonly nodes = new Map<number, RedisServerProcess>();

  private constructor(private readonly dir: string) {}

  static async start(): Promise<OwnRedisCluster> {
    const cluster = new OwnRedisCluster(redisTempDir('cluster'));
    try {
      const ports: number[] = [];
      for (let i = 0; i < 6; i++) ports.push(await cluster.startNode());
      await run('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '1', '--cluster-yes']);
      await waitFor(
        async () => (await Promise.all(ports.map((p) => cluster.info(p)))).every((i) => i.includes('cluster_state:ok')),
        30_000,
        'cluster ok',
      );
      return cluster;
    } catch (error) {
      await cluster.stop();
      throw error;
    }
  }

  /** host:port of every node, as REDIS_CLUSTER_NODES takes them. */
  get seeds(): Array<{ host: string; port: number }> {
    return [...this.nodes.keys()].map((port) => ({ host: '127.0.0.1', port }));
  }

  /** REDIS_CLUSTER_NODES for these nodes. */
  get nodesVariable(): string {
    return this.seeds.map((seed) => `${seed.host}:${seed.port}`).join(',');
  }

  /** The port of the master that serves `key`'s slot now. */
  masterOf(key: string): Promise<number> {
    return new RedisClusterControl([...this.nodes.keys()]).masterOf(key);
  }

  /** SIGKILL a node (its replica is promoted once the others notice, after the node timeout). */
  kill(port: number): void {
    this.nodes.get(port)?.child.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    const exits = [...this.nodes.values()]
      .map((node) => node.child)
      .filter((child) => child.exitCode === null && child.signalCode === null)
      .map((child) => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGKILL'))));
    await Promise.all(exits);
    rmSync(this.dir, { recursive: true, force: true, maxRetries: 3 });
  }

  private async info(port: number): Promise<string> {
    return (await run('redis-cli', ['-p', String(port), 'cluster', 'info'])).stdout;
  }

  private async startNode(): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      const port = await sparePort();
      // A directory each: a replica's full sync writes the snapshot it receives there.
      const dir = join(this.dir, String(port));
      mkdirSync(dir);
      const args = ['--save', '', '--appendonly', 'no'];
      args.push('--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '3000');
      // A replica takes over however long ago it last heard from its master (the machine may be busy).
      args.push('--cluster-replica-validity-factor', '0');
      try {
        this.nodes.set(port, await spawnRedisServer(port, dir, args));
        return port;
      } catch (error) {
        if (attempt >= 3) throw error; // the port was taken between probe and bind
      }
    }
  }
}
