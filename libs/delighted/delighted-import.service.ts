import { Injectable } from '@nestjs/common';
import { normalizeEmail, uuid7 } from '@cairn/common';
import { OutboxTransactionRunner } from '@cairn/outbox';
import { PersonBatchRepository } from '@cairn/people';
import { PastAnswerWrite, PastAnswerWriter } from '@cairn/responses';
import { isValidScore, SCALES } from '@cairn/scoring';
import { ImportRow, RowError } from './delighted-csv';
import { ErrorCollector } from './delighted-errors';
import { AdditionalAnswer, parseAdditionalAnswers } from './delighted-extras';
import { delightedIdOf } from './delighted-ids';
import { DelightedSurveyService } from './delighted-survey.service';
import { DelightedTrendRepository } from './delighted-trend.repository';

export interface ImportResult {
  imported: number;
  /** Rows whose Delighted response id was imported before: running twice is harmless. */
  skipped: number;
  failed: RowError[];
}

/** Rows per transaction: a large export goes in a few statements per thousand rows, and a crash keeps what committed. */
const CHUNK = 1000;

/**
 * Past Delighted responses into the Delighted touchpoint, with their original
 * dates, so scores, trends and segments continue. Counted in the rollups;
 * never announced (no alerts, cases or webhooks for old answers); people are
 * stored, never surveyed. Written like POST /responses/import, in batches
 * (PastAnswerWriter); a bad row fails alone and is reported by line.
 */
@Injectable()
export class DelightedImportService {
  constructor(
    private readonly transactions: OutboxTransactionRunner,
    private readonly surveys: DelightedSurveyService,
    private readonly people: PersonBatchRepository,
    private readonly pastAnswers: PastAnswerWriter,
    private readonly trends: DelightedTrendRepository,
  ) {}

  async import(workspaceId: string, rows: ImportRow[]): Promise<ImportResult> {
    const survey = await this.surveys.resolve(workspaceId);
    const result: ImportResult = { imported: 0, skipped: 0, failed: [] };
    const valid: ImportRow[] = [];
    const extras = new Map<ImportRow, AdditionalAnswer[]>();
    for (const row of rows) {
      const errors = new ErrorCollector();
      const answers = parseAdditionalAnswers({ additional_answers: row.additionalAnswers ?? [] }, errors);
      const problem = this.check(row, survey.metric) ?? (errors.has() ? 'an additional answer is invalid' : null);
      if (problem) result.failed.push({ line: row.line, error: problem });
      else valid.push(row);
      if (answers?.length) extras.set(row, answers);
    }
    const target = {
      workspaceId,
      surveyId: survey.id,
      touchpointId: survey.touchpointId,
      stageId: survey.touchpoint.stageId,
      journeyId: survey.touchpoint.journeyId,
      metric: survey.metric,
      source: 'import' as const,
    };
    const seen = new Set<string>();
    for (let start = 0; start < valid.length; start += CHUNK) {
      const chunk = valid.slice(start, start + CHUNK);
      await this.transactions.run(async (tx) => {
        const stored = await this.pastAnswers.findByExternalIds(
          tx,
          workspaceId,
          chunk.flatMap((row) => externalIdOf(row) ?? []),
        );
        // A Delighted id imported before, or twice in this file, is skipped.
        const fresh = chunk.filter((row) => {
          const id = externalIdOf(row);
          if (id === null) return true;
          if (stored.has(id) || seen.has(id)) return false;
          seen.add(id);
          return true;
        });
        result.skipped += chunk.length - fresh.length;
        const people = await this.people.upsertManyByEmail(
          tx,
          workspaceId,
          fresh.flatMap((row) => (row.email ? [{ email: row.email, name: row.name }] : [])),
          uuid7,
        );
        await this.people.keepCompatIds(tx, workspaceId, keptPersonIds(fresh, people));
        const answers: PastAnswerWrite[] = fresh.map((row) => {
          const person = row.email ? people.get(normalizeEmail(row.email)) : undefined;
          return {
            compatId: delightedIdOf(row.externalId),
            tags: row.tags ?? [],
            additionalAnswers: extras.get(row) ?? [],
            // At the answer's time: history lands in its month's partition (or the default one, before the oldest).
            id: uuid7(row.createdAt.getTime()),
            target: { ...target, personId: person?.id ?? null, locale: person?.locale ?? null, personProperties: row.properties },
            score: row.score,
            comment: row.comment,
            createdAt: row.createdAt,
            externalId: externalIdOf(row),
            announce: false,
          };
        });
        await this.pastAnswers.write(tx, answers);
        await this.trends.remember(tx, workspaceId, [...new Set(fresh.flatMap((row) => row.trend ?? []))], survey.touchpointId);
        result.imported += answers.length;
      });
    }
    return result;
  }

  private check(row: ImportRow, metric: keyof typeof SCALES): string | null {
    if (row.surveyType && row.surveyType !== metric) return `survey type ${row.surveyType} does not match the Delighted survey (${metric})`;
    if (!isValidScore(metric, row.score)) return `score ${row.score} is outside ${SCALES[metric].min}–${SCALES[metric].max}`;
    if (row.createdAt.getTime() > Date.now()) return 'timestamp is in the future';
    return null;
  }
}

/** Delighted's person ids of the rows' people, kept as their compat ids (numeric ones only). */
function keptPersonIds(rows: ImportRow[], people: Map<string, { id: string }>): Array<{ personId: string; compatId: bigint }> {
  const pairs = new Map<string, bigint>();
  for (const row of rows) {
    const compatId = delightedIdOf(row.personId);
    const person = row.email ? people.get(normalizeEmail(row.email)) : undefined;
    if (compatId !== null && person) pairs.set(person.id, compatId);
  }
  return [...pairs].map(([personId, compatId]) => ({ personId, compatId }));
}

function externalIdOf(row: ImportRow): string | null {
  return row.externalId ? `delighted:${row.externalId}` : null;
}
