// CPU spent by the services a benchmark drives besides Cairn's own processes: the Postgres backends serving the
// bench database (per backend pid, from /proc; backends that start during a phase count whole, those that end are
// lost, and the WAL writer and checkpointer are not included) and the whole Redis server (INFO cpu; any other client
// of it on the machine counts too). Together with the API's and workers' CPU they tell whether a rate saturates the
// machine's cores, which a latency figure alone does not.
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { processCpuMs } from './distribution-bench.cpu';

export interface ServiceCpu {
  postgres: number;
  redis: number;
}

async function backendCpu(db: Client, database: string): Promise<Map<number, number>> {
  const { rows } = await db.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [
    database,
  ]);
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    const ms = processCpuMs(pid); // null: it ended between the query and the read
    if (ms !== null) cpu.set(pid, ms);
  }
  return cpu;
}

async function redisCpuMs(redisUrl: string): Promise<number> {
  const redis = new Redis(redisUrl);
  try {
    const info = await redis.info('cpu');
    const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
    return (field('used_cpu_user') + field('used_cpu_sys')) * 1000;
  } finally {
    redis.disconnect();
  }
}

/** Starts counting; `stop()` answers the ms of CPU each service used since. */
export async function countServiceCpu(
  db: Client,
  database: string,
  redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
): Promise<{ stop(): Promise<ServiceCpu> }> {
  const pg0 = await backendCpu(db, database);
  const redis0 = await redisCpuMs(redisUrl);
  return {
    stop: async () => {
      const pg1 = await backendCpu(db, database);
      let postgres = 0;
      for (const [pid, ms] of pg1) postgres += ms - (pg0.get(pid) ?? 0);
      return { postgres, redis: (await redisCpuMs(redisUrl)) - redis0 };
    },
  };
}

/** A total (ms, or a count) per request, for the benches' "CPU per …" lines; n/a when unreadable or nothing ran. */
export function perRequest(total: number | null, requests: number): string {
  return total === null || !requests ? 'n/a' : (total / requests).toFixed(2);
}
