import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { Clock } from '@cairn/common';
import type { Person } from '@cairn/database';
import { TransactionRunner } from '@cairn/database';
import { uuid7 } from '@cairn/common';
import { EventIntakeService } from '@cairn/distribution';
import { PersonRepository, toE164 } from '@cairn/people';
import { toUnix } from './delighted-params';
import { DelightedPersonRepository } from './delighted-person.repository';
import { DelightedPersonWriter } from './delighted-person.writer';
import { parsePersonRequest, PersonRequest } from './delighted-person.request';
import { DelightedSurveyService } from './delighted-survey.service';
import { DelightedInvitationInfo, toCreatedPerson } from './delighted.mapper';

/**
 * POST /people.json. With `channel: "sms"`, a number and SMS configured, the same for the SMS companion survey
 * (DelightedSurveyService.resolveSms), by number when there is no address. With an address and `send` on, this is exactly
 * POST /api/v1/events for the Delighted survey's trigger (same person upsert,
 * throttling and suppression), with the event dated `delay` seconds ahead so
 * the survey is scheduled then. Throttled or suppressed surveys are not
 * hidden: `survey_scheduled_at` is null and `cairn_invitation` says why.
 */
@Injectable()
export class DelightedPeopleService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly people: PersonRepository,
    private readonly phones: DelightedPersonRepository,
    private readonly writer: DelightedPersonWriter,
    private readonly surveys: DelightedSurveyService,
    private readonly intake: EventIntakeService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(workspaceId: string, body: Record<string, unknown>) {
    const now = this.clock.now();
    const req = parsePersonRequest(body, now);
    if (req.email && req.emailUpdate) await this.writer.changeEmail(workspaceId, req.email, req.emailUpdate);
    const email = req.emailUpdate ?? req.email;
    if (req.send && req.channel === 'sms' && this.config.sms) return this.text(workspaceId, email, req, now);
    // Not sent: stored only (an SMS request while SMS_* is unset says so).
    const unsent = req.send ? notSent(req.channel === 'sms' ? 'sms_not_configured' : 'no_email') : null;
    if (!email) return toCreatedPerson(await this.writer.upsertByPhone(workspaceId, req), unsent);
    if (!req.send || req.channel === 'sms') return toCreatedPerson(await this.store(workspaceId, email, req), unsent);
    const survey = await this.surveys.resolve(workspaceId);
    if (req.lastSentAt) {
      const person = await this.store(workspaceId, email, req);
      await this.writer.recordPastSend(person.id, survey, req.lastSentAt);
    }
    const result = await this.intake.accept(workspaceId, {
      type: survey.triggerEvent,
      person: { email, name: req.name, locale: req.locale, properties: req.properties },
      properties: { ...(req.properties ?? {}), delay: req.delay },
      occurredAt: new Date(now.getTime() + req.delay * 1000).toISOString(),
    });
    if (req.phoneNumber) await this.writer.setPhone(workspaceId, email, req.phoneNumber);
    const person = (await this.people.findByEmail(workspaceId, email))!;
    const invitation = result.invitations.find((i) => i.surveyId === survey.id);
    return toCreatedPerson(person, invitation ? toInfo(invitation) : notSent(survey.active ? 'no_invitation' : 'survey_inactive'));
  }

  /**
   * `channel: "sms"` with SMS configured: POST /api/v1/events for the SMS companion survey's trigger, the person
   * named by address when there is one (the number is stored on them), else by number alone.
   */
  private async text(workspaceId: string, email: string | undefined, req: PersonRequest, now: Date) {
    const survey = await this.surveys.resolveSms(workspaceId);
    const phone = toE164(req.phoneNumber) ?? req.phoneNumber!;
    if (req.lastSentAt) {
      const person = email ? await this.store(workspaceId, email, req) : await this.writer.upsertByPhone(workspaceId, req);
      await this.writer.recordPastSend(person.id, survey, req.lastSentAt);
    }
    const result = await this.intake.accept(workspaceId, {
      type: survey.triggerEvent,
      person: { email, phone, name: req.name, locale: req.locale, properties: req.properties },
      properties: { ...(req.properties ?? {}), delay: req.delay },
      occurredAt: new Date(now.getTime() + req.delay * 1000).toISOString(),
    });
    const invitation = result.invitations.find((i) => i.surveyId === survey.id);
    const person = email ? await this.people.findByEmail(workspaceId, email) : await this.phones.findPersonByPhone(workspaceId, phone);
    return toCreatedPerson(person!, invitation ? toInfo(invitation) : notSent(survey.active ? 'no_invitation' : 'survey_inactive'));
  }

  private async store(workspaceId: string, email: string, req: PersonRequest): Promise<Person> {
    return this.transactions.run(async (tx) => {
      const person = await this.people.upsertByEmail(
        tx,
        workspaceId,
        { email, name: req.name, locale: req.locale, properties: req.properties },
        uuid7(),
      );
      if (!req.phoneNumber) return person;
      return this.phones.setPhone(tx, person.id, req.phoneNumber);
    });
  }
}

function toInfo(invitation: { id: string; status: string; scheduledFor: string; reason?: string }): DelightedInvitationInfo {
  return {
    id: invitation.id,
    status: invitation.status,
    reason: invitation.reason ?? null,
    scheduled_at: toUnix(new Date(invitation.scheduledFor)),
  };
}

function notSent(reason: string): DelightedInvitationInfo {
  return { id: null, status: 'not_sent', reason, scheduled_at: null };
}
