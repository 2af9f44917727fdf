import { SurveyService } from '@cairn/survey';
import type { CreateSurveyDto } from '@cairn/survey';
import { FactoryContext } from './factory-context';

/** A survey on a touchpoint, through SurveyService (the test module must include SurveyModule). */
export function createSurvey(t: FactoryContext, workspaceId: string, input: Partial<CreateSurveyDto> & { touchpointId: string }) {
  return t.get(SurveyService).create(workspaceId, {
    metric: 'nps',
    trigger: { event: 'order.delivered' },
    active: true,
    ...input,
  });
}
