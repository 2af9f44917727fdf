// CPU time per email of the emails part, from /proc/<pid>/stat (user + system).
// On this shared 2-core machine emails/s moves with whatever else runs, while
// the CPU each email costs the worker, Postgres and the sender barely does: the
// second figure tells whether a change made sending cheaper. Linux only; null elsewhere.
import { readFileSync } from 'node:fs';
import { Client } from 'pg';

const TICK_MS = 10; // CLK_TCK is 100 on Linux

/** CPU time (ms) this process used, as `process.cpuUsage(since)` measured it (µs). */
export function usageMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

/** CPU time (ms) a process used since it started; null when it is gone or /proc is not there. */
export function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "pid (comm) ": state is the first, utime the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

/**
 * Write system calls a process made since it started (/proc/<pid>/io, syscw); null when unreadable. A write to a
 * loopback socket costs the writer the receiver's side of TCP too, so the count is printed beside the CPU: it tells
 * whether a send's cost is in its round trips or in the code between them.
 */
export function processWrites(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const line = /^syscw:\s*(\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'));
    return line ? Number(line[1]) : null;
  } catch {
    return null;
  }
}

/** Starts counting one process's CPU (ms) and write system calls; `stop()` answers what it used since (null: unreadable). */
export function countProcessCpu(pid: number | undefined): { stop(): { cpu: number | null; writes: number | null } } {
  const [cpu0, writes0] = [processCpuMs(pid), processWrites(pid)];
  const since = (start: number | null, end: number | null) => (start === null || end === null ? null : end - start);
  return { stop: () => ({ cpu: since(cpu0, processCpuMs(pid)), writes: since(writes0, processWrites(pid)) }) };
}

export interface CpuSnapshot {
  /** CPU (ms) of each process: the given ones and every Postgres backend of the database. */
  byPid: Map<number, number>;
  /** Write system calls of the same processes. */
  writesByPid: Map<number, number>;
  backends: number[];
}

/** CPU (ms) of the given processes and of every Postgres backend connected to `database` now. */
export async function cpuSnapshot(adminUrl: string, database: string, pids: Array<number | undefined>): Promise<CpuSnapshot> {
  const db = new Client({ connectionString: adminUrl });
  await db.connect();
  const { rows } = await db
    .query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database])
    .finally(() => db.end());
  const byPid = new Map<number, number>();
  const writesByPid = new Map<number, number>();
  for (const pid of [...pids, ...rows.map((row) => row.pid)]) {
    const ms = processCpuMs(pid);
    if (pid !== undefined && ms !== null) byPid.set(pid, ms);
    const writes = processWrites(pid);
    if (pid !== undefined && writes !== null) writesByPid.set(pid, writes);
  }
  return { byPid, writesByPid, backends: rows.map((row) => row.pid) };
}

/** CPU (ms) used between two snapshots by the given processes and by the backends (one that opened meanwhile counts whole). */
export function cpuBetween(start: CpuSnapshot, end: CpuSnapshot, pids: Array<number | undefined>) {
  const sum = (of: 'byPid' | 'writesByPid', list: number[]) =>
    list.reduce((total, pid) => total + Math.max(0, (end[of].get(pid) ?? 0) - (start[of].get(pid) ?? 0)), 0);
  const own = pids.filter((pid): pid is number => pid !== undefined);
  return {
    processes: sum('byPid', own),
    postgres: sum('byPid', end.backends),
    writes: { processes: sum('writesByPid', own), postgres: sum('writesByPid', end.backends) },
  };
}
