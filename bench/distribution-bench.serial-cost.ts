// Part of distribution-bench's events part: Postgres's CPU per event on ONE connection, next to a bare INSERT's
// measured the same way. Under 50 connections on this shared 2-core machine events/s and even CPU per event move by
// tens of per cent between runs; one backend with nothing of the bench's beside it moved by under a tenth between
// rounds (2026-12-07), so this tells whether a change to the intake's SQL made an event cheaper for the database.
import { randomBytes } from 'node:crypto';
import { createPgPool, sqlLiteral } from '@cairn/database';
import { EventIntakeRepository, IntakeRequest } from '@cairn/distribution';
import { uuid7 } from '@cairn/common';
import { processCpuMs } from './distribution-bench.cpu';

/** Events per message, as the group commit sends them under load (EVENT_BATCHES' maxBatch is 32; ~10 was typical). */
const BATCH = 16;
const WARM_BATCHES = 100;
const BATCHES = 250;
const ROUNDS = 2;

export interface SerialCost {
  /** Postgres CPU (ms) per event, each round's. */
  event: number[];
  /** Postgres CPU (ms) per bare INSERT, each round's. */
  insert: number[];
}

/** A bare INSERT per event, BATCH of them in one message: one implicit transaction, as the intake's messages. */
function bareInsertMessage(tag: string, from: number): string {
  return Array.from(
    { length: BATCH },
    (_, i) =>
      `INSERT INTO bench_raw_events (type, email, properties) VALUES ('order.delivered', ${sqlLiteral(`serial-${tag}-${from + i}@example.com`)}, '{"plan":"pro"}')`,
  ).join(';\n');
}

/** Postgres CPU (ms) per event of `batches` messages sent one after the other on the pool's one connection. */
async function cpuPerEvent(backend: number, batches: number, send: () => Promise<unknown>): Promise<number> {
  const before = processCpuMs(backend);
  for (let batch = 0; batch < batches; batch++) await send();
  const after = processCpuMs(backend);
  if (before === null || after === null) throw new Error(`no CPU figure for backend ${backend} (/proc)`);
  return (after - before) / (batches * BATCH);
}

/**
 * ROUNDS alternating rounds of the intake's statements for events of `type` (a new person each) and of bare
 * INSERTs into the table the bare INSERT loop made, both after a warm-up on the same connection.
 */
export async function serialCost(databaseUrl: string, workspaceId: string, type: string): Promise<SerialCost> {
  const pool = createPgPool(databaseUrl, 1, 'bench serial cost');
  try {
    const { rows } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const backend = rows[0].pid;
    const intake = new EventIntakeRepository(null as never, pool);
    const tag = randomBytes(3).toString('hex');
    let n = 0;
    const event = (): IntakeRequest => {
      const now = new Date();
      return {
        workspaceId,
        type,
        person: { email: `serial-${tag}-${n++}@example.com`, name: 'Bench', properties: { plan: 'pro' } },
        personId: uuid7(now.getTime()),
        now,
        occurredAt: now,
        eventId: uuid7(now.getTime()),
        properties: { orderId: `o-${n}` },
        idempotencyKey: null,
      };
    };
    const events = () => intake.recordMany(Array.from({ length: BATCH }, event));
    let k = 0;
    const inserts = () => pool.query(bareInsertMessage(tag, (k += BATCH)));
    await cpuPerEvent(backend, WARM_BATCHES, events);
    await cpuPerEvent(backend, WARM_BATCHES, inserts);
    const cost: SerialCost = { event: [], insert: [] };
    for (let round = 0; round < ROUNDS; round++) {
      cost.event.push(await cpuPerEvent(backend, BATCHES, events));
      cost.insert.push(await cpuPerEvent(backend, BATCHES, inserts));
    }
    return cost;
  } finally {
    await pool.end();
  }
}
