import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Clock } from '@cairn/common';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import type { Response } from '@cairn/database';
import { PersonQueryRepository } from '@cairn/people';
import { AnswerTarget, ResponseRecorderService } from '@cairn/responses';
import { SCALES } from '@cairn/scoring';
import { DelightedValidationError } from './delighted-errors';
import { parseRowRef } from './delighted-ids';
import { Params } from './delighted-params';
import { DelightedPersonRepository } from './delighted-person.repository';
import { DelightedResponseRepository, ResponsePageFilter } from './delighted-response.repository';
import { DelightedResponseWriter } from './delighted-response.writer';
import { parseResponseList, parseResponseWrite } from './delighted-response.request';
import { DelightedSurveyService } from './delighted-survey.service';
import { toDelightedResponse } from './delighted.mapper';

/** survey_responses: the responses of the Delighted touchpoint (or of the touchpoint named by `trend`). */
@Injectable()
export class DelightedResponsesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly responses: DelightedResponseRepository,
    private readonly surveys: DelightedSurveyService,
    private readonly people: PersonQueryRepository,
    private readonly persons: DelightedPersonRepository,
    private readonly recorder: ResponseRecorderService,
    private readonly writer: DelightedResponseWriter,
    private readonly clock: Clock,
  ) {}

  async list(workspaceId: string, query: Params) {
    const q = parseResponseList(query);
    const touchpoint = await this.surveys.scope(workspaceId, q.trend);
    if (!touchpoint) throw new DelightedValidationError({ trend: ['is invalid'] });
    const filter: ResponsePageFilter = { workspaceId, touchpointId: touchpoint.id, created: q.created, updated: q.updated };
    if (q.personId) {
      const person = await this.persons.findByRef(workspaceId, parseRowRef(q.personId));
      if (!person) return [];
      filter.personId = person.id;
    }
    if (q.personEmail) {
      const person = await this.people.findByEmail(workspaceId, q.personEmail);
      if (!person) return [];
      filter.personId = person.id;
    }
    const rows = await this.responses.page(filter, q.orderBy, q.page, q.perPage);
    return this.present(rows, q.expandPerson, q.expandNotes);
  }

  async get(workspaceId: string, id: string, query: Params) {
    const q = parseResponseList({ expand: query['expand[]'] ?? query.expand });
    const row = await this.responses.find(workspaceId, parseRowRef(id));
    if (!row) throw new NotFoundException('Not Found');
    return (await this.present([row], q.expandPerson, q.expandNotes))[0];
  }

  async create(workspaceId: string, body: Params) {
    const survey = await this.surveys.resolve(workspaceId);
    const input = parseResponseWrite(body, SCALES[survey.metric], true, this.clock.now());
    const person = await this.persons.findByRef(workspaceId, parseRowRef(input.personId));
    if (!person) throw new DelightedValidationError({ person: ['is invalid'] });
    const target: AnswerTarget = {
      workspaceId,
      surveyId: survey.id,
      personId: person.id,
      touchpointId: survey.touchpointId,
      stageId: survey.touchpoint.stageId,
      journeyId: survey.touchpoint.journeyId,
      metric: survey.metric,
      locale: person.locale,
      source: 'api',
      personProperties: { ...(person.properties as object), ...(input.personProperties ?? {}) },
    };
    const answer = { score: input.score!, comment: input.comment ?? null };
    const extras = { tags: input.tags, additionalAnswers: input.additionalAnswers };
    // Tags and answers are written in the answer's own transaction, so its webhooks carry them: the writer's path.
    const row =
      input.createdAt || input.tags || input.additionalAnswers
        ? await this.writer.create(target, answer, input.createdAt ?? this.clock.now(), { extras })
        : await this.recorder.answerDirect(target, answer);
    return (await this.present([row], false, false))[0];
  }

  async update(workspaceId: string, id: string, body: Params) {
    const existing = await this.responses.find(workspaceId, parseRowRef(id));
    if (!existing) throw new NotFoundException('Not Found');
    const change = parseResponseWrite(body, SCALES[existing.metric], false, this.clock.now());
    const row = await this.writer.update(workspaceId, existing.id, change);
    return (await this.present([row], false, false))[0];
  }

  private async present(rows: Response[], expandPerson: boolean, expandNotes: boolean) {
    const personIds = [...new Set(rows.map((r) => r.personId).filter((v): v is string => !!v))];
    const people = expandPerson ? await this.responses.people(personIds) : [];
    const refs = await this.persons.compatIds(personIds);
    const cases = expandNotes ? await this.responses.casesWithNotes(rows.map((r) => r.id)) : [];
    return rows.map((row) =>
      toDelightedResponse(row, {
        permalinkBase: this.config.publicBaseUrl,
        personRef: row.personId ? (refs.get(row.personId) ?? null) : null,
        ...(expandPerson ? { person: people.find((p) => p.id === row.personId) ?? null } : {}),
        notes: cases.find((c) => c.responseId === row.id)?.notes ?? [],
      }),
    );
  }
}
