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
  async masterOf(key: string): Promise<number> {
    const client = this.client();
    try {
      const slot = Number(await client.call('CLUSTER', 'KEYSLOT', key));
      const ranges = (await client.call('CLUSTER', 'SLOTS')) as Array<[number, number, [string, number]]>;
      return ranges.find(([from, to]) => slot >= from && slot <= to)![2][1];
    } finally {
      client.disconnect();
    }
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

  private client(): Redis {
    const [port] = [...this.nodes].find(([, node]) => node.child.exitCode === null && node.child.signalCode === null)!;
    return new Redis({ host: '127.0.0.1', port, lazyConnect: false });
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
