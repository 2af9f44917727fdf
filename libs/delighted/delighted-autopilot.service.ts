import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { Clock, uuid7 } from '@cairn/common';
import type { Person, Survey } from '@cairn/database';
import { TransactionRunner } from '@cairn/database';
import { periodIndexAt, slotAt, slotOffsetSeconds, type Schedule } from '@cairn/distribution';
import { mergeProperties, PersonRepository, propertiesProblem, type PersonProperties } from '@cairn/people';
import { AutopilotPlatform, DelightedAutopilotRepository, membershipProperty } from './delighted-autopilot.repository';
import { ErrorCollector } from './delighted-errors';
import { int, Params, str, toUnix, unix } from './delighted-params';
import { DelightedPersonWriter } from './delighted-person.writer';
import { DelightedSurveyService } from './delighted-survey.service';
import { toListedPerson } from './delighted.mapper';

/** Delighted's default Autopilot frequency: every 90 days. */
const DEFAULT_DAYS = 90;
const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * Delighted's Autopilot on relationship surveys: the email platform's configuration is a relationship survey of
 * the Delighted journey (every 90 days, created with the first member) whose segment is the membership property;
 * adding a member sets that property on the person, removing it removes the property. The SMS platform is the same
 * with an SMS relationship survey (people by number); it texts once SMS_* is set.
 */
@Injectable()
export class DelightedAutopilotService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly repo: DelightedAutopilotRepository,
    private readonly people: PersonRepository,
    private readonly phones: DelightedPersonWriter,
    private readonly surveys: DelightedSurveyService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async configuration(workspaceId: string, platform: AutopilotPlatform) {
    const survey = await this.repo.survey(workspaceId, platform);
    return {
      platform_id: platform,
      active: this.active(survey, platform),
      frequency: (survey?.everyDays ?? DEFAULT_DAYS) * 86_400,
      created_at: toUnix(survey?.createdAt),
      updated_at: toUnix(survey?.updatedAt),
    };
  }

  /** SMS is active once it has members (its survey) and SMS_* is set. */
  private active(survey: Survey | null, platform: AutopilotPlatform): boolean {
    return (survey?.active ?? false) && (platform === 'email' || this.config.sms !== null);
  }

  /**
   * Memberships as Delighted showed them. `next_survey_request` is the member's next ask on the platform's
   * relationship survey: its invitation while one waits to be sent, else the person's slot as the scheduler places
   * it (this period's if it is still ahead, or has passed uninvited — the next tick asks —, else the next period's);
   * null while the platform is not active.
   */
  private async memberships(platform: AutopilotPlatform, people: Person[], survey: Survey | null) {
    if (!survey || !this.active(survey, platform) || !survey.everyDays || !survey.scheduleAnchor) {
      return people.map((person) => toMembership(person, null));
    }
    const now = this.clock.now();
    const plan: Schedule = { everyDays: survey.everyDays, anchor: survey.scheduleAnchor };
    const current = Math.max(periodIndexAt(plan, now), 0);
    const invitations = people.length
      ? await this.repo.invitations(
          survey.id,
          people.map((p) => p.id),
          current,
        )
      : [];
    return people.map((person) => {
      const own = invitations.filter((i) => i.personId === person.id);
      const waiting = own.find((i) => i.status === 'scheduled' || i.status === 'sending');
      if (waiting) return toMembership(person, { id: waiting.id, createdAt: waiting.createdAt, scheduledAt: waiting.scheduledFor });
      const offset = slotOffsetSeconds(survey.id, person.id, survey.everyDays!);
      const slot = slotAt(plan, current, offset);
      const askedThisPeriod = own.some((i) => i.periodIndex === current);
      const next =
        askedThisPeriod || (slot <= now && person.createdAt > slot) ? slotAt(plan, current + 1, offset) : slot > now ? slot : now;
      return toMembership(person, { id: null, createdAt: null, scheduledAt: next });
    });
  }

  /** The platform's relationship survey (channel email or sms), created with its first member. */
  private async ensureSurvey(workspaceId: string, platform: AutopilotPlatform): Promise<Survey> {
    const existing = await this.repo.survey(workspaceId, platform);
    if (existing) return existing;
    const delighted = await this.surveys.resolve(workspaceId);
    return this.transactions.run(async (tx) => {
      await this.repo.lockSetup(tx, workspaceId);
      const created = await this.repo.survey(workspaceId, platform, tx);
      if (created) return created;
      return this.repo.createSurvey(tx, {
        workspaceId,
        journeyId: delighted.touchpoint.journeyId,
        everyDays: DEFAULT_DAYS,
        throttleDays: 30,
        anchor: this.clock.now(),
        platform,
      });
    });
  }

  async add(workspaceId: string, platform: AutopilotPlatform, body: Params) {
    const req = parseMember(body, platform, true);
    const properties = { ...(req.properties ?? {}), [membershipProperty(platform)]: true };
    // Read once: adding a member changes the person, not the survey its next ask is computed from.
    const survey = await this.ensureSurvey(workspaceId, platform);
    if (platform === 'sms') {
      const person = await this.phones.upsertByPhone(workspaceId, {
        phoneNumber: req.phoneNumber,
        name: req.name,
        properties,
        channel: 'sms',
        delay: 0,
        send: false,
      });
      return (await this.memberships(platform, [person], survey))[0];
    }
    const person = await this.transactions.run((tx) =>
      this.people.upsertByEmail(tx, workspaceId, { email: req.email!, name: req.name ?? null, properties }, uuid7()),
    );
    return (await this.memberships(platform, [person], survey))[0];
  }

  async remove(workspaceId: string, platform: AutopilotPlatform, params: Params) {
    const req = parseMember(params, platform, false);
    const person = await this.transactions.run(async (tx) => {
      const found = req.email
        ? await this.repo.findByEmail(tx, workspaceId, req.email)
        : await this.repo.findByPhone(tx, workspaceId, req.phoneNumber!);
      if (!found) throw new NotFoundException('Not Found');
      return this.repo.setProperties(tx, found.id, mergeProperties(found.properties, { [membershipProperty(platform)]: null }));
    });
    return { person: toListedPerson(person) };
  }

  async list(workspaceId: string, platform: AutopilotPlatform, query: Params) {
    const errors = new ErrorCollector();
    const perPage = int(query, 'per_page', errors, 1, 100) ?? 20;
    const after = str(query, 'page_info', errors, 100);
    // A Singer tap's incremental sync asks for the members changed since its bookmark (their updated_at).
    const updatedSince = unix(query, 'updated_since', errors);
    errors.throwIfAny();
    const rows = await this.repo.members(workspaceId, platform, after, perPage + 1, updatedSince);
    const page = rows.slice(0, perPage);
    const survey = await this.repo.survey(workspaceId, platform);
    return { members: await this.memberships(platform, page, survey), next: rows.length > perPage ? page[page.length - 1].id : null };
  }
}

function parseMember(params: Params, platform: AutopilotPlatform, adding: boolean) {
  const errors = new ErrorCollector();
  const email = platform === 'email' ? str(params, 'person_email', errors, 254) : undefined;
  const phoneNumber = platform === 'sms' ? str(params, 'person_phone_number', errors, 20) : undefined;
  if (platform === 'email' && !email && !errors.has('person_email')) errors.add('person_email', "can't be blank");
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.add('person_email', 'is invalid');
  if (platform === 'sms' && !phoneNumber && !errors.has('person_phone_number')) errors.add('person_phone_number', "can't be blank");
  if (phoneNumber && !E164.test(phoneNumber)) errors.add('person_phone_number', 'is invalid (E.164 format, e.g. +17132746524)');
  const name = adding ? str(params, 'person_name', errors) : undefined;
  const properties = adding ? params.properties : undefined;
  const problem = properties === undefined || properties === null ? null : propertiesProblem(properties);
  if (problem) errors.add('properties', problem);
  errors.throwIfAny();
  return { email, phoneNumber, name, properties: (properties ?? undefined) as PersonProperties | undefined };
}

/** A membership as Delighted showed it: `created_at`/`updated_at` are the person's last change (Cairn keeps no membership row). */
function toMembership(person: Person, next: { id: string | null; createdAt: Date | null; scheduledAt: Date } | null) {
  const properties = { ...((person.properties ?? {}) as Record<string, unknown>) };
  delete properties.delighted_autopilot_email;
  delete properties.delighted_autopilot_sms;
  return {
    created_at: toUnix(person.updatedAt),
    updated_at: toUnix(person.updatedAt),
    person: toListedPerson(person),
    properties,
    next_survey_request: next
      ? { id: next.id, created_at: toUnix(next.createdAt), survey_scheduled_at: toUnix(next.scheduledAt), properties }
      : null,
  };
}
