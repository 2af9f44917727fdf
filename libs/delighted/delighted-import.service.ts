import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@cairn/database';
import { uuid7 } from '@cairn/common';
import { PersonRepository } from '@cairn/people';
import { isValidScore, SCALES } from '@cairn/scoring';
import { ImportRow, RowError } from './delighted-csv';
import { DelightedResponseRepository } from './delighted-response.repository';
import { DelightedResponseWriter } from './delighted-response.writer';
import { DelightedSurveyService } from './delighted-survey.service';

export interface ImportResult {
  imported: number;
  /** Rows whose Delighted response id was imported before: running twice is harmless. */
  skipped: number;
  failed: RowError[];
}

/**
 * Past Delighted responses into the Delighted touchpoint, with their original
 * dates, so scores, trends and segments continue. Counted in the rollups;
 * never announced (no alerts, cases or webhooks for old answers); people are
 * stored, never surveyed.
 */
@Injectable()
export class DelightedImportService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly responses: DelightedResponseRepository,
    private readonly surveys: DelightedSurveyService,
    private readonly people: PersonRepository,
    private readonly writer: DelightedResponseWriter,
  ) {}

  async import(workspaceId: string, rows: ImportRow[]): Promise<ImportResult> {
    const survey = await this.surveys.resolve(workspaceId);
    const result: ImportResult = { imported: 0, skipped: 0, failed: [] };
    for (const row of rows) {
      const problem = this.check(row, survey.metric);
      if (problem) {
        result.failed.push({ line: row.line, error: problem });
        continue;
      }
      const externalId = row.externalId ? `delighted:${row.externalId}` : null;
      if (externalId && (await this.responses.existsByExternalId(workspaceId, externalId))) {
        result.skipped++;
        continue;
      }
      const person = row.email ? await this.person(workspaceId, row) : null;
      await this.writer.create(
        {
          workspaceId,
          surveyId: survey.id,
          personId: person?.id ?? null,
          touchpointId: survey.touchpointId,
          stageId: survey.touchpoint.stageId,
          journeyId: survey.touchpoint.journeyId,
          metric: survey.metric,
          locale: person?.locale ?? null,
          source: 'import',
          personProperties: row.properties,
        },
        { score: row.score, comment: row.comment },
        row.createdAt,
        { externalId: externalId ?? undefined, announce: false },
      );
      result.imported++;
    }
    return result;
  }

  private check(row: ImportRow, metric: keyof typeof SCALES): string | null {
    if (row.surveyType && row.surveyType !== metric) return `survey type ${row.surveyType} does not match the Delighted survey (${metric})`;
    if (!isValidScore(metric, row.score)) return `score ${row.score} is outside ${SCALES[metric].min}–${SCALES[metric].max}`;
    if (row.createdAt.getTime() > Date.now()) return 'timestamp is in the future';
    return null;
  }

  private person(workspaceId: string, row: ImportRow) {
    return this.transactions.run((tx) => this.people.upsertByEmail(tx, workspaceId, { email: row.email!, name: row.name }, uuid7()));
  }
}
