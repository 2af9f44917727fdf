// Resident memory of the benchmark's child processes (API, worker), read from
// /proc/<pid>/status: VmRSS is what the process holds now, VmHWM the most it
// has held since it started. Linux only; elsewhere the line says so instead of
// failing the benchmark. Issue 12's goal: each stays <= 300 MB under load.
import { readFileSync } from 'node:fs';

export const RSS_GOAL_MB = 300;

export interface Rss {
  /** Resident set now, MB. */
  rss: number;
  /** High-water mark of the resident set since the process started, MB. */
  peak: number;
}

/** Null when the process is gone or /proc is not there. */
export function processRss(pid: number | undefined): Rss | null {
  if (pid === undefined) return null;
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/**
 * "RSS <when>: api 212 MB (peak 240 MB), worker 180 MB (peak 190 MB)", with
 * "over 300 MB" after any process whose peak passed the goal.
 */
export function rssLine(when: string, processes: Record<string, number | undefined>): string {
  const parts = Object.entries(processes).map(([name, pid]) => {
    const m = processRss(pid);
    if (!m) return `${name} n/a`;
    const over = m.peak > RSS_GOAL_MB ? `  <-- over ${RSS_GOAL_MB} MB` : '';
    return `${name} ${m.rss.toFixed(0)} MB (peak ${m.peak.toFixed(0)} MB)${over}`;
  });
  return `RSS ${when}: ${parts.join(', ')}`;
}
