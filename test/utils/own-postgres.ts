import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { sparePort } from './spare-port';

const run = promisify(execFile);
const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
// Postgres refuses to run as root; as root we run its tools as the `postgres` user.
const AS_ROOT = userInfo().uid === 0;

/**
 * A PostgreSQL server of a test's own (initdb into a temp dir, a spare port),
 * so a test can stop, restart or break it without touching anybody else's.
 * Durability is traded for speed (fsync off): these clusters live minutes.
 */
export class OwnPostgres {
  private constructor(
    readonly dir: string,
    readonly port: number,
    /** Server settings (`-c name=value`, no spaces) after the defaults below, so they can undo them. */
    private readonly settings: Record<string, string> = {},
  ) {}

  static async start(settings: Record<string, string> = {}): Promise<OwnPostgres> {
    const dir = await ownedTempDir('/tmp/cairn-pg-');
    await pgTool('initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    return OwnPostgres.serve(dir, settings);
  }

  /**
   * A streaming replica of `primary` (pg_basebackup -R: it follows the primary's WAL and answers read-only
   * queries), on a spare port and a temp dir of its own.
   */
  static async startReplica(primary: OwnPostgres): Promise<OwnPostgres> {
    const dir = await ownedTempDir('/tmp/cairn-pg-replica-');
    const source = ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres'];
    await pgTool('pg_basebackup', [...source, '-D', join(dir, 'data'), '-R', '-X', 'stream', '-c', 'fast', '--no-sync']);
    return OwnPostgres.serve(dir);
  }

  /** Starts the server of `dir` on a spare port. */
  private static async serve(dir: string, settings: Record<string, string> = {}): Promise<OwnPostgres> {
    for (let attempt = 1; ; attempt++) {
      const pg = new OwnPostgres(dir, await sparePort(), settings);
      try {
        await pg.startServer();
        return pg;
      } catch (error) {
        if (attempt >= 3) throw error; // the port was taken between probe and bind
      }
    }
  }

  url(database = 'postgres'): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async createDatabase(name: string): Promise<string> {
    await this.query(`CREATE DATABASE "${name}"`);
    return this.url(name);
  }

  /** A fast shutdown (every session cut) and a start on the same port and data. */
  async restart(): Promise<void> {
    await this.stopServer();
    await this.startServer();
  }

  /** pg_terminate_backend for every session on `database` but our own; returns how many. */
  async terminateBackends(database: string): Promise<number> {
    const { rows } = await this.query(
      'SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [database],
    );
    return Number(rows[0].n);
  }

  async stop(): Promise<void> {
    await this.stopServer().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  async query(sql: string, params: unknown[] = [], database = 'postgres') {
    const client = new Client({ connectionString: this.url(database) });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return await client.query(sql, params);
    } finally {
      await client.end();
    }
  }

  async startServer(): Promise<void> {
    const settings = Object.entries(this.settings).map(([name, value]) => ` -c ${name}=${value}`);
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200${settings.join('')}`;
    await pgTool('pg_ctl', ['-D', join(this.dir, 'data'), '-l', join(this.dir, 'log'), '-o', options, '-w', '-t', '30', 'start']);
  }

  async stopServer(): Promise<void> {
    await pgTool('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'fast', '-w', '-t', '30', 'stop']);
  }
}

/** A temp dir the server's user owns (as root, the `postgres` user). */
async function ownedTempDir(prefix: string): Promise<string> {
  const dir = mkdtempSync(prefix);
  if (AS_ROOT) chownSync(dir, Number((await run('id', ['-u', 'postgres'])).stdout), Number((await run('id', ['-g', 'postgres'])).stdout));
  return dir;
}

async function pgTool(tool: string, args: string[]): Promise<void> {
  const [file, argv] = AS_ROOT ? ['runuser', ['-u', 'postgres', '--', join(BIN, tool), ...args]] : [join(BIN, tool), args];
  try {
    await run(file, argv, { cwd: '/tmp' });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`${tool} failed: ${stderr || stdout || (error as Error).message}`);
  }
}
