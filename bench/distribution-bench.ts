// Distribution benchmark, each figure as a ratio to a raw baseline measured in the same run:
//   1. events/s accepted by POST /api/v1/events, with 1 and with 5 matching surveys, and of the same SQL without
//      the API, vs a bare INSERT loop;
//   2. emails/s from the queue to an SMTP sink with 2 worker processes vs a bare nodemailer loop.
//   npm run bench:distribution     (or: npx tsc -p tsconfig.build.json; node dist/bench/distribution-bench.js)
// Env: BENCH_SECONDS (10), BENCH_EMAILS (3000), BENCH_ADMIN_URL, BENCH_PARTS=events (skip the emails part),
//   BENCH_API_PROCESSES (1; N API processes on one port, as WEB_CONCURRENCY=N),
//   BENCH_REMINDERS=1 (the emails' survey sends a reminder a day later, so each sent mark also queues its job) or
//   BENCH_REMINDERS=due (the emails are the reminders: invitations sent two days ago whose reminders are due).
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { loadConfig } from '@cairn/config';
import { runMigrations } from '@cairn/database';
import { deleteBenchKeys } from './bench-redis';
import { benchEmails, EmailsKind } from './distribution-bench.emails';
import { benchEvents, matchingSurveys } from './distribution-bench.events';

const DB = 'cairn_bench_distribution';
const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const EMAILS = Number(process.env.BENCH_EMAILS ?? 3000);
const PARTS = (process.env.BENCH_PARTS ?? 'events,emails').split(',');
const EMAILS_KIND: EmailsKind =
  ({ '1': 'first-with-reminder', due: 'reminder' } as Record<string, EmailsKind | undefined>)[process.env.BENCH_REMINDERS ?? ''] ?? 'first';
const PREFIX = `cairn-bench-distribution-${process.pid}`;
const log = (s: string) => process.stdout.write(`${s}\n`);

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

async function main(): Promise<void> {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB}`;
  await admin(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${DB}`);
  await runMigrations(url.toString());
  const env = {
    DATABASE_URL: url.toString(),
    REDIS_PREFIX: PREFIX,
    CAIRN_BOOTSTRAP_API_KEY: `cairn_bench_${randomBytes(16).toString('hex')}`,
    CAIRN_MIGRATE_ON_START: 'false',
    LOG_LEVEL: 'error',
    PORT: '0',
  };
  const config = loadConfig({ ...process.env, ...env });
  try {
    // The emails part seeds invitations of the survey the events part sets up.
    if (!PARTS.includes('events')) throw new Error('BENCH_PARTS: the emails part needs the events part');
    log(`events (${SECONDS} s each, 50 connections):`);
    const events = await benchEvents(env, url.toString(), SECONDS, log);
    const emails = PARTS.includes('emails')
      ? (log(`emails (${EMAILS}, ${EMAILS_KIND}):`), await benchEmails(env, config, EMAILS, log, EMAILS_KIND))
      : null;
    log('');
    for (const [n, load, ceiling] of [
      [1, events.api.one, events.ceiling.one],
      [5, events.api.five, events.ceiling.five],
    ] as const) {
      log(
        `POST /events, ${matchingSurveys(n)}: ${load.perSecond.toFixed(0)} events/s = ${(load.perSecond / events.raw.perSecond).toFixed(3)} × the bare INSERT loop (${events.raw.perSecond.toFixed(0)} rows/s, mean of before and after)`,
      );
      if (ceiling !== null) {
        log(`  its CPU per event bounds it at ${(ceiling / events.raw.perSecond).toFixed(3)} × the bare INSERT loop, all cores busy`);
      }
    }
    const mean = (figures: number[]) => figures.reduce((sum, figure) => sum + figure, 0) / figures.length;
    for (const [n, serial] of [
      [1, events.serial.one],
      [5, events.serial.five],
    ] as const) {
      const [event, insert] = [mean(serial.event), mean(serial.insert)];
      log(
        `  Postgres's CPU per event on one connection (${matchingSurveys(n)}): ${event.toFixed(3)} ms = ${(event / insert).toFixed(2)} × a bare INSERT's (${insert.toFixed(3)} ms)`,
      );
    }
    log(
      `  the events' SQL alone (1 matching survey, no API): ${events.statements.perSecond.toFixed(0)} events/s = ${(events.statements.perSecond / events.raw.perSecond).toFixed(3)} × the bare INSERT loop; the API runs at ${(events.api.one.perSecond / events.statements.perSecond).toFixed(2)} of it`,
    );
    if (emails) {
      log(
        `queue → SMTP, 2 workers: ${emails.workers.toFixed(0)} emails/s = ${(emails.workers / emails.raw).toFixed(2)} × the bare nodemailer loop (${emails.raw.toFixed(0)} emails/s)`,
      );
    }
  } finally {
    await deleteBenchKeys(`${PREFIX}:`, config.redisUrl);
    await admin(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
    process.exit(1);
  },
);
