import { ResponseAlertService } from '@cairn/alerts';
import { CaseService } from '@cairn/cases';
import { FactoryContext } from './factory-context';
import { createResponse, ResponseInput } from './response.factory';

/**
 * A case born as in production: a detractor answer, then the response alert
 * that opens its case (the workspace's default rule matches NPS 0–6). The test
 * module must include AlertsModule.
 */
export async function createCase(t: FactoryContext, input: Omit<ResponseInput, 'score'> & { score?: number }) {
  const response = await createResponse(t, { ...input, score: input.score ?? 2 });
  await t.get(ResponseAlertService).onResponse({
    id: response.id,
    type: 'response.created',
    workspaceId: input.workspaceId,
    data: { responseId: response.id },
    createdAt: response.createdAt,
  });
  // Cases list newest first, so the one just opened is on the first page.
  const opened = (await t.get(CaseService).list(input.workspaceId, { limit: 100 })).data.find((c) => c.responseId === response.id);
  if (!opened) throw new Error('no case was opened: is the default detractor rule enabled?');
  return { response, case: opened };
}
