import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { Clock, uuid7 } from '@cairn/common';
import type { Person } from '@cairn/database';
import { TransactionRunner } from '@cairn/database';
import { mergeProperties, PersonRepository, propertiesProblem, type PersonProperties } from '@cairn/people';
import { AutopilotPlatform, DelightedAutopilotRepository, membershipProperty } from './delighted-autopilot.repository';
import { ErrorCollector } from './delighted-errors';
import { int, Params, str, toUnix } from './delighted-params';
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
      // SMS is active once it has members (its survey) and SMS_* is set.
      active: (survey?.active ?? false) && (platform === 'email' || this.config.sms !== null),
      frequency: (survey?.everyDays ?? DEFAULT_DAYS) * 86_400,
      created_at: toUnix(survey?.createdAt),
      updated_at: toUnix(survey?.updatedAt),
    };
  }

  /** The platform's relationship survey (channel email or sms), created with its first member. */
  private async ensureSurvey(workspaceId: string, platform: AutopilotPlatform): Promise<void> {
    if (await this.repo.survey(workspaceId, platform)) return;
    const delighted = await this.surveys.resolve(workspaceId);
    await this.transactions.run(async (tx) => {
      await this.repo.lockSetup(tx, workspaceId);
      if (await this.repo.survey(workspaceId, platform, tx)) return;
      await this.repo.createSurvey(tx, {
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
    await this.ensureSurvey(workspaceId, platform);
    if (platform === 'sms') {
      const person = await this.phones.upsertByPhone(workspaceId, {
        phoneNumber: req.phoneNumber,
        name: req.name,
        properties,
        channel: 'sms',
        delay: 0,
        send: false,
      });
      return toMembership(person);
    }
    const person = await this.transactions.run((tx) =>
      this.people.upsertByEmail(tx, workspaceId, { email: req.email!, name: req.name ?? null, properties }, uuid7()),
    );
    return toMembership(person);
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
    errors.throwIfAny();
    const rows = await this.repo.members(workspaceId, platform, after, perPage + 1);
    const page = rows.slice(0, perPage);
    return { members: page.map(toMembership), next: rows.length > perPage ? page[page.length - 1].id : null };
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

/** A membership as Delighted showed it; Cairn's next ask is the survey's slot for the person (GET /api/v1/surveys/:id/schedule). */
function toMembership(person: Person) {
  const properties = { ...((person.properties ?? {}) as Record<string, unknown>) };
  delete properties.delighted_autopilot_email;
  delete properties.delighted_autopilot_sms;
  return { created_at: toUnix(person.updatedAt), person: toListedPerson(person), properties, next_survey_request: null };
}
