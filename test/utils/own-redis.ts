import { ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { redisTempDir, spawnRedisServer } from './redis-server-process';
import { sparePort } from './spare-port';

/**
 * A Redis server of a test's own on a spare port. It keeps an append-only
 * file, so a restart is a restart (data back after it), as with a packaged
 * Redis; `restart({ wipe: true })` is the harsher case of a Redis that lost all.
 */
export class OwnRedis {
  private child: ChildProcess | null = null;

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<OwnRedis> {
    const dir = redisTempDir('single');
    for (let attempt = 1; ; attempt++) {
      const redis = new OwnRedis(dir, await sparePort());
      try {
        await redis.startServer();
        return redis;
      } catch (error) {
        if (attempt >= 3) throw error; // the port was taken between probe and bind
      }
    }
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** SIGTERM (Redis flushes its AOF and exits), then the same port again. */
  async restart(options: { wipe?: boolean } = {}): Promise<void> {
    await this.stopServer();
    if (options.wipe) {
      rmSync(this.dir, { recursive: true, force: true });
      mkdirSync(this.dir);
    }
    await this.startServer();
  }

  /** SIGSTOP: the server hangs, its connections open and unanswered, as a Redis stuck on a slow disk or swap. */
  hang(): void {
    this.child?.kill('SIGSTOP');
  }

  /** SIGCONT after hang(): the server answers what it was sent meanwhile. */
  resume(): void {
    this.child?.kill('SIGCONT');
  }

  async stop(): Promise<void> {
    await this.stopServer();
    rmSync(this.dir, { recursive: true, force: true, maxRetries: 3 });
  }

  private async startServer(): Promise<void> {
    const started = await spawnRedisServer(this.port, this.dir, ['--save', '', '--appendonly', 'yes', '--appendfsync', 'everysec']);
    this.child = started.child;
  }

  private async stopServer(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    this.child = null;
  }
}
