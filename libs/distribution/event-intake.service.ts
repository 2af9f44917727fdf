import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { Clock, emailHash, normalizeEmail } from '@cairn/common';
import { type Tx } from '@cairn/database';
import { JobName, JobIds } from '@cairn/jobs';
import { OutboxRepository, OutboxTransactionRunner } from '@cairn/outbox';
import { PersonRepository } from '@cairn/people';
import { CreateEventDto } from './event.dto';
import { decideInvitations, suppressionReason } from './fatigue.policy';
import { EventIntakeRepository } from './event-intake.repository';
import { uuid7 } from '@cairn/common';

export interface EventResult {
  eventId: string;
  invitations: Array<{ id: string; surveyId: string; status: string; scheduledFor: string; reason?: string }>;
}

const MAX_FUTURE_MS = 366 * 86_400_000;

/**
 * POST /events: the person, the event, one invitation per matching survey and
 * the outbox rows that queue their sends, all in one transaction. The stored
 * answer is what a repeated idempotency key gets back.
 */
@Injectable()
export class EventIntakeService {
  constructor(
    private readonly transactions: OutboxTransactionRunner,
    private readonly people: PersonRepository,
    private readonly intake: EventIntakeRepository,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
  ) {}

  async accept(workspaceId: string, dto: CreateEventDto): Promise<EventResult> {
    const now = this.clock.now();
    const occurredAt = dto.occurredAt ? new Date(dto.occurredAt) : now;
    if (occurredAt.getTime() > now.getTime() + MAX_FUTURE_MS) throw new BadRequestException('occurredAt is too far in the future');
    const replayed = dto.idempotencyKey ? await this.replay(workspaceId, dto) : null;
    if (replayed) return replayed;
    let result: EventResult;
    try {
      // Under a burst, requests queue for a pooled connection rather than fail.
      result = await this.transactions.run((tx) => this.record(tx, workspaceId, dto, occurredAt, now), {
        maxWait: 10_000,
        timeout: 15_000,
      });
    } catch (error) {
      // A concurrent request with the same key won the insert: answer as it did.
      const again = dto.idempotencyKey && isUniqueViolation(error) ? await this.replay(workspaceId, dto) : null;
      if (again) return again;
      throw error;
    }
    return result;
  }

  private async record(tx: Tx, workspaceId: string, dto: CreateEventDto, occurredAt: Date, now: Date): Promise<EventResult> {
    const person = await this.people.upsertByEmail(tx, workspaceId, dto.person, uuid7());
    const hash = person.email ? emailHash(person.email) : null;
    const context = await this.intake.context(tx, { workspaceId, type: dto.type, personId: person.id, emailHash: hash, now });
    const planned = context.surveys.map((survey) => {
      const scheduledFor = new Date(Math.max(occurredAt.getTime() + survey.delaySeconds * 1000, now.getTime()));
      return {
        surveyId: survey.id,
        scheduledFor,
        expiresAt: new Date(scheduledFor.getTime() + survey.expiresAfterSeconds * 1000),
        throttleDays: survey.throttleDays,
      };
    });
    const suppressed = suppressionReason(person, context.suppression);
    const decisions = decideInvitations(planned, { suppressed, otherSurveyTimes: context.surveyTimes });
    const invitations = planned.map((plan, index) => ({ id: uuid7(now.getTime()), ...plan, ...decisions[index] }));
    const eventId = uuid7(now.getTime());
    const result: EventResult = {
      eventId,
      invitations: invitations.map((row) => ({
        id: row.id,
        surveyId: row.surveyId,
        status: row.status,
        scheduledFor: row.scheduledFor.toISOString(),
        ...(row.reason ? { reason: row.reason } : {}),
      })),
    };
    const event = {
      id: eventId,
      workspaceId,
      type: dto.type,
      personId: person.id,
      properties: dto.properties ?? {},
      occurredAt,
      idempotencyKey: dto.idempotencyKey ?? null,
      result,
    };
    await this.intake.insert(tx, event, person.locale, invitations);
    const scheduled = invitations.filter((row) => row.status === 'scheduled');
    await this.outbox.add(
      tx,
      scheduled.map((row) => ({
        topic: 'job' as const,
        workspaceId,
        job: { name: JobName.SendInvitation, data: { invitationId: row.id } },
        jobId: JobIds.sendInvitation(row.id),
        runAt: row.scheduledFor,
      })),
    );
    return result;
  }

  /** The stored answer for a repeated key; a key reused for another event or person is a conflict. */
  private async replay(workspaceId: string, dto: CreateEventDto): Promise<EventResult | null> {
    const event = await this.intake.findByIdempotencyKey(workspaceId, dto.idempotencyKey!);
    if (!event) return null;
    if (event.type !== dto.type || (event.person?.email && event.person.email !== normalizeEmail(dto.person.email))) {
      throw new ConflictException('idempotencyKey was already used for a different event');
    }
    return event.result as unknown as EventResult;
  }
}

/** P2002 from the ORM, or Postgres 23505 inside a raw statement. */
function isUniqueViolation(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return (
    code === 'P2002' || /23505|unique constraint/i.test(`${message ?? ''} ${JSON.stringify((error as { meta?: unknown })?.meta ?? '')}`)
  );
}
