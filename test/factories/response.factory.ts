import { uuid7 } from '@cairn/common';
import { Metric, Prisma, PrismaService } from '@cairn/database';
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
  return t
    .get(ResponseRecorderService)
    .answerDirect(
      { ...targetOf(input), locale: null, source: 'web', personProperties: {} },
      { score: input.score, comment: input.comment },
    );
}

/** What an answer is to: its workspace, survey, person, touchpoint (with stage and journey) and metric. */
function targetOf(input: ResponseInput) {
  return {
    workspaceId: input.workspaceId,
    surveyId: input.surveyId ?? null,
    personId: input.personId ?? null,
    touchpointId: input.touchpoint.id,
    stageId: input.touchpoint.stageId,
    journeyId: input.touchpoint.journeyId,
    metric: input.metric ?? 'nps',
  };
}

/**
 * An answer dated `createdAt` in the past, written straight to the table as history is (its id made at its date, as
 * every writer of past answers makes it: on history partitioned by month a month holds only answers dated in it).
 * Nothing else is written: no rollup, no outbox event, no retention mark lowered.
 */
export function createPastResponse(
  t: FactoryContext,
  input: ResponseInput & { createdAt: Date; personProperties?: Prisma.InputJsonValue },
) {
  return t.get(PrismaService).response.create({
    data: {
      id: uuid7(input.createdAt.getTime()),
      ...targetOf(input),
      scaleMin: 0,
      scaleMax: 10,
      score: input.score,
      comment: input.comment ?? null,
      source: 'web',
      personProperties: input.personProperties ?? {},
      createdAt: input.createdAt,
      updatedAt: input.createdAt,
    },
  });
}
