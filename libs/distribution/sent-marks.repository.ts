import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { AdaptiveBatcher } from '@cairn/common';
import { arrayParam, keyedStatusIs, PG_POOL } from '@cairn/database';
import { OutboxMessage, outboxRowValues } from '@cairn/outbox';
import type { Claim } from './invitation-claim.repository';

// As InvitationClaimRepository.markSent and the reminder's outbox row, for many invitations in one statement.
// Columns are `timestamp` holding UTC, hence the AT TIME ZONE. People are locked in id order, so two batches that
// share people (two workers) wait for each other instead of deadlocking. Named, and its first array read through
// arrayParam, so that each connection keeps one plan: it was planned on every call (2,107 plans in 2,107 calls,
// 0.49-0.56 ms of database CPU each, pg_stat_statements under bench:distribution's emails; named alone, 2,459 in
// 2,438; with both, 132 in 2,360). One array costed as ten makes the whole unnest so.
// The invitations are found by key, never through a status index (keyedStatusIs): the 'sending' entries are a run's
// whole claimed backlog.
const MARK_SENT = `
  WITH v AS (
    SELECT id, at::timestamptz AT TIME ZONE 'UTC' AS at, expires::timestamptz AT TIME ZONE 'UTC' AS expires, note,
      claimed::timestamptz AT TIME ZONE 'UTC' AS claimed, reminder::timestamptz AT TIME ZONE 'UTC' AS reminder, job_id, job
    FROM unnest(${arrayParam(1, 'text')}, $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
      AS v(id, at, expires, note, claimed, reminder, job_id, job)),
  sent AS (
    UPDATE invitations i SET status = 'sent', sent_at = COALESCE(i.sent_at, i.handed_over_at, v.at), reminder_due_at = v.reminder,
      expires_at = GREATEST(i.expires_at, v.expires), last_error = COALESCE(v.note, i.last_error), updated_at = v.at
    FROM v WHERE i.id = v.id AND ${keyedStatusIs('i.status', 'sending')} AND i.claimed_at = v.claimed
    RETURNING i.workspace_id, i.person_id, v.at, v.job_id, v.job),
  reminders AS (
    INSERT INTO outbox_events (id, workspace_id, topic, payload)
    SELECT job_id, workspace_id, 'job', job::jsonb FROM sent WHERE job IS NOT NULL),
  latest AS (SELECT person_id, max(at) AS at FROM sent GROUP BY person_id),
  locked AS (SELECT p.id, latest.at FROM people p JOIN latest ON latest.person_id = p.id ORDER BY p.id FOR UPDATE OF p)
  UPDATE people SET last_surveyed_at = locked.at FROM locked WHERE people.id = locked.id`;

/** The reminder of a survey that has one: when it is due, and its job. */
export interface SentReminder {
  dueAt: Date;
  job: OutboxMessage;
}

export interface SentMark {
  claim: Claim;
  now: Date;
  expiresAt: Date;
  note: string | null;
  /** Queued with the mark, and only if the mark holds (the claim was still this run's). */
  reminder: SentReminder | null;
}

/**
 * How long a mark waits for others before its statement leaves. Marks arrive as
 * SMTP answers do, a few milliseconds apart, and the statement is quick: sent
 * whenever the batcher was idle, 2,000 emails of one worker took ~1,550-1,600
 * statements (bench:distribution's emails, 2 workers); waiting 15 ms, ~650-700.
 * Over six pairs of runs with 15-30 ms, the workers' CPU per email fell ~10 %
 * and Postgres's ~15 % (each round trip costs the worker a socket write, the
 * largest item of its profile). Nobody waits on the mark: the email has left,
 * and its hand-over is recorded already.
 */
const GATHER_MS = 30;

/**
 * sending → sent, the person's last survey noted and the reminder's job
 * queued, when the claim still holds. Marks go together, at most 200 per
 * statement: those that arrive while a statement is under way in the next one,
 * and each statement waits GATHER_MS from its first mark for others (a
 * statement per email was a fifth of the send job's round trips). A failed
 * statement fails each of its marks; their callers retry.
 */
@Injectable()
export class SentMarksRepository {
  private readonly marks = new AdaptiveBatcher<SentMark, void>((batch) => this.markAll(batch), {
    maxInFlight: 1,
    maxBatch: 200,
    gatherMs: GATHER_MS,
  });

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  markSent(mark: SentMark): Promise<void> {
    return this.marks.submit(mark);
  }

  private async markAll(batch: SentMark[]): Promise<void[]> {
    const jobs = batch.map((mark) => (mark.reminder ? outboxRowValues(mark.reminder.job) : null));
    await this.pool.query({
      name: 'sent-marks-mark-sent',
      text: MARK_SENT,
      values: [
        batch.map((mark) => mark.claim.id),
        batch.map((mark) => mark.now.toISOString()),
        batch.map((mark) => mark.expiresAt.toISOString()),
        batch.map((mark) => mark.note),
        batch.map((mark) => mark.claim.claimedAt.toISOString()),
        batch.map((mark) => mark.reminder?.dueAt.toISOString() ?? null),
        jobs.map((job) => job?.id ?? null),
        jobs.map((job) => (job ? JSON.stringify(job.payload) : null)),
      ],
    });
    return batch.map(() => undefined);
  }
}
