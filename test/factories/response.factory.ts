import { Metric } from '@cairn/database';
import { ResponseRecorderService } from '@cairn/responses';
import { FactoryContext } from './factory-context';

export interface ResponseInput {
  workspaceId: string;
  touchpoint: { id: string; stageId: string; journeyId: string };
  score: number;
  metric?: Metric;
  comment?: string | null;
  personId?: string | null;
  surveyId?: string | null;
}

/**
 * An answer as a widget records one (ResponseRecorderService.answerDirect): the
 * row, its rollups and its response.created outbox event. The test module must
 * include a module importing ResponsesModule.
 */
export function createResponse(t: FactoryContext, input: ResponseInput) {
  return t.get(ResponseRecorderService).answerDirect(
    {
      workspaceId: input.workspaceId,
      surveyId: input.surveyId ?? null,
      personId: input.personId ?? null,
      touchpointId: input.touchpoint.id,
      stageId: input.touchpoint.stageId,
      journeyId: input.touchpoint.journeyId,
      metric: input.metric ?? 'nps',
      locale: null,
      source: 'web',
      personProperties: {},
    },
    { score: input.score, comment: input.comment },
  );
}
