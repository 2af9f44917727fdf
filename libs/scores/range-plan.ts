// Splits the ranges a request needs into pieces each read from the cheapest
// exact source: whole ISO weeks from weekly rollups, whole UTC days from daily
// ones, whole UTC hours from hourly ones, and only the leftover minutes (a
// range starting at 14:23, a local midnight at :30 in Asia/Kolkata) from the
// raw responses table. A leftover longer than half a unit is read as the whole
// unit minus its complement (sign −1): 14:00–24:00 as the day minus 00:00–14:00
// reads 14 hourly rows less.

export type Level = 'week' | 'day' | 'hour' | 'raw';

/** [from, to) in epoch ms; `key` names the range it counts towards, `sign` whether it adds or subtracts. */
export interface Piece {
  key: number;
  level: Level;
  from: number;
  to: number;
  sign: 1 | -1;
}

export interface KeyedRange {
  key: number;
  from: number;
  to: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
// Coarsest first. Weeks start on Monday: 1970-01-01 was a Thursday, 4 days after one.
const GRID: Array<{ level: Exclude<Level, 'raw'>; size: number; offset: number }> = [
  { level: 'week', size: 7 * DAY_MS, offset: 4 * DAY_MS },
  { level: 'day', size: DAY_MS, offset: 0 },
  { level: 'hour', size: HOUR_MS, offset: 0 },
];

export function planPieces(ranges: KeyedRange[], options: { rawOnly?: boolean } = {}): Piece[] {
  const pieces: Piece[] = [];
  for (const { key, from, to } of ranges) {
    if (from >= to) continue;
    if (options.rawOnly) pieces.push({ key, level: 'raw', from, to, sign: 1 });
    else split({ key, out: pieces }, from, to, 0, 1);
  }
  return merge(pieces);
}

interface Sink {
  key: number;
  out: Piece[];
}

function split(sink: Sink, from: number, to: number, depth: number, sign: 1 | -1): void {
  if (from >= to) return;
  const grid = GRID[depth];
  if (!grid) {
    sink.out.push({ key: sink.key, level: 'raw', from, to, sign });
    return;
  }
  const { level, size } = grid;
  const a = ceilTo(from, grid);
  const b = floorTo(to, grid);
  const add = (f: number, t: number) => sink.out.push({ key: sink.key, level, from: f, to: t, sign });
  const flip = sign === 1 ? -1 : 1;
  if (a > b) {
    // Inside one unit: most of it → the unit minus both ends; else the next level.
    if (2 * (to - from) <= size) return split(sink, from, to, depth + 1, sign);
    add(b, a);
    split(sink, b, from, depth + 1, flip);
    split(sink, to, a, depth + 1, flip);
    return;
  }
  if (2 * (a - from) > size) {
    add(a - size, a);
    split(sink, a - size, from, depth + 1, flip);
  } else {
    split(sink, from, a, depth + 1, sign);
  }
  if (a < b) add(a, b);
  if (2 * (to - b) > size) {
    add(b, b + size);
    split(sink, to, b + size, depth + 1, flip);
  } else {
    split(sink, b, to, depth + 1, sign);
  }
}

const RANK: Record<Level, number> = { week: 0, day: 1, hour: 2, raw: 3 };

// Adjacent pieces of one key, level and sign become one range scan; the
// result is listed in time order, coarser levels first.
function merge(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  const byRun = [...pieces].sort((x, y) => x.key - y.key || RANK[x.level] - RANK[y.level] || x.sign - y.sign || x.from - y.from);
  for (const p of byRun) {
    const last = out[out.length - 1];
    if (last && last.key === p.key && last.level === p.level && last.sign === p.sign && last.to === p.from) last.to = p.to;
    else out.push({ ...p });
  }
  return out.sort((x, y) => x.key - y.key || x.from - y.from || RANK[x.level] - RANK[y.level]);
}

function floorTo(t: number, { size, offset }: { size: number; offset: number }): number {
  return Math.floor((t - offset) / size) * size + offset;
}

function ceilTo(t: number, { size, offset }: { size: number; offset: number }): number {
  return Math.ceil((t - offset) / size) * size + offset;
}
