import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { Clock } from '@cairn/common';
import { JobName, OnJob } from '@cairn/jobs';
import { OutboxRelayService } from '@cairn/outbox';
import { RelationshipScheduleRepository, RelationshipSurvey } from './relationship-schedule.repository';
import { DAY_SECONDS, periodIndexAt, periodStart, slotAt, slotOffsetSeconds, type Schedule } from './relationship-slot';

/** People read per statement: a tick over a million people is a thousand short statements. */
export const RELATIONSHIP_BATCH = 1000;
const PREVIEW_BATCH = 5000;
/**
 * For this long after a period ends, ticks still invite its slots that no tick reached (the last minute before the
 * boundary, or workers that were down): without it those people would skip a whole period.
 */
export const LATE_GRACE_MS = 86_400_000;
const DAY_MS = DAY_SECONDS * 1000;

export interface SchedulePreview {
  surveyId: string;
  everyDays: number;
  from: Date;
  until: Date;
  total: number;
  /** One entry per 24 h after `from`: (from + i days, from + i + 1 days]; asks already due go in the first. */
  days: Array<{ from: Date; until: Date; count: number }>;
}

/**
 * Relationship surveys (issue 15): everyone matching a survey's segment is asked once per period, each at the slot
 * relationship-slot.ts gives them. A tick (every minute, any worker, several at once) invites those whose slot in the
 * current period has come; the invitation goes the way of every other (outbox → send job → send gate), so the
 * fatigue rules, suppressions, unsubscribes, erasure and the exactly-once send apply as to touchpoint surveys.
 */
@Injectable()
export class RelationshipSchedulerService {
  private readonly logger = new Logger(RelationshipSchedulerService.name);

  constructor(
    private readonly repo: RelationshipScheduleRepository,
    private readonly relay: OutboxRelayService,
    private readonly clock: Clock,
  ) {}

  @OnJob(JobName.ScheduleRelationshipSurveys)
  async tick(): Promise<{ surveys: number; invited: number }> {
    const now = this.clock.now();
    const surveys = await this.repo.active();
    let invited = 0;
    for (const survey of surveys) invited += await this.tickSurvey(survey, now);
    // Committed: wake the relay for the sends (its own schedule catches them should this process die first).
    if (invited) {
      this.relay.flushSoon();
      this.logger.log(`invited ${invited} people to ${surveys.length} relationship survey(s)`);
    }
    return { surveys: surveys.length, invited };
  }

  /** What the survey will send in the next `days` days, from the same slots the ticks use. */
  async preview(workspaceId: string, surveyId: string, days: number): Promise<SchedulePreview> {
    const survey = await this.repo.find(workspaceId, surveyId);
    if (!survey) throw new NotFoundException('Relationship survey not found');
    const from = this.clock.now();
    const until = new Date(from.getTime() + days * DAY_MS);
    const counts = new Array<number>(days).fill(0);
    if (survey.sending) await this.countSlots(survey, from, until, counts);
    return {
      surveyId,
      everyDays: survey.everyDays,
      from,
      until,
      total: counts.reduce((a, b) => a + b, 0),
      days: counts.map((count, i) => ({
        from: new Date(from.getTime() + i * DAY_MS),
        until: new Date(from.getTime() + (i + 1) * DAY_MS),
        count,
      })),
    };
  }

  private async tickSurvey(survey: RelationshipSurvey, now: Date): Promise<number> {
    const period = periodIndexAt(schedule(survey), now);
    if (period < 0) return 0;
    const late = period > 0 && withinGrace(survey, period, now) ? await this.invitePeriod(survey, period - 1, now) : 0;
    return late + (await this.invitePeriod(survey, period, now));
  }

  private async invitePeriod(survey: RelationshipSurvey, period: number, now: Date): Promise<number> {
    const start = periodStart(schedule(survey), period);
    let invited = 0;
    for (let cursor = ''; ;) {
      const page = await this.repo.invitePage(survey, period, start, now, cursor, RELATIONSHIP_BATCH);
      invited += page.invited;
      if (page.read < RELATIONSHIP_BATCH || page.cursor === null) return invited;
      cursor = page.cursor;
    }
  }

  /**
   * Each askable person's slots in (from, until], bucketed by day; a slot of this period that has passed without an
   * invitation (the next tick sends it) counts on the first day, exactly as tickSurvey would decide it.
   */
  private async countSlots(survey: RelationshipSurvey, from: Date, until: Date, counts: number[]): Promise<void> {
    const plan = schedule(survey);
    const current = periodIndexAt(plan, from);
    const first = Math.max(current, 0);
    const last = periodIndexAt(plan, until);
    for (let cursor = ''; ;) {
      const page = await this.repo.previewPage(survey, current, cursor, PREVIEW_BATCH);
      for (const person of page.people) {
        const offset = slotOffsetSeconds(survey.id, person.id, survey.everyDays);
        for (let period = first; period <= last; period++) {
          const at = slotAt(plan, period, offset).getTime();
          if (at <= from.getTime()) {
            const overdue = period === current && !person.invitedThisPeriod && person.createdAt.getTime() <= at;
            if (overdue) counts[0]++;
          } else if (at <= until.getTime()) {
            counts[Math.ceil((at - from.getTime()) / DAY_MS) - 1]++;
          }
        }
      }
      if (page.cursor === null) return;
      cursor = page.cursor;
    }
  }
}

/** `now` is in the first LATE_GRACE_MS of `period`, when ticks still finish the period before. */
function withinGrace(survey: RelationshipSurvey, period: number, now: Date): boolean {
  return now.getTime() - periodStart(schedule(survey), period).getTime() < LATE_GRACE_MS;
}

function schedule(survey: RelationshipSurvey): Schedule {
  return { everyDays: survey.everyDays, anchor: survey.anchor };
}
