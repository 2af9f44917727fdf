// The small integration that openapi-client.e2e-spec.ts type-checks against
// the client generated from /docs-json and then runs against the live app.
// Kept as text: it only compiles next to the generated schema.d.ts.
export const CLIENT_PROGRAM = String.raw`
import createClient from 'openapi-fetch';
import type { components, paths } from './schema.js'; // generated schema.ts

type Schemas = components['schemas'];
const client = createClient<paths>({
  baseUrl: process.env.CAIRN_URL,
  headers: { Authorization: 'Bearer ' + process.env.CAIRN_KEY },
});
// Every answer, as received, for the test to hold against the document.
const seen: Array<{ method: string; path: string; status: number; body: unknown }> = [];

function must<T>(method: string, path: string, result: { data?: T; error?: unknown; response: Response }): T {
  seen.push({ method, path, status: result.response.status, body: result.data ?? result.error });
  if (result.data === undefined) throw new Error(method + ' ' + path + ': ' + result.response.status);
  return result.data;
}

async function main(): Promise<void> {
  const journey: Schemas['JourneyResponse'] = must('post', '/api/v1/journeys', await client.POST('/api/v1/journeys', {
    body: { name: 'Online shop', stages: [{ name: 'Purchase' }] },
  }));
  const firstStage: string = journey.stages[0].name;
  // @ts-expect-error -- a journey has no such field: the types are real, not any
  journey.nmae;

  const stage = must('post', '/api/v1/journeys/{id}/stages', await client.POST('/api/v1/journeys/{id}/stages', {
    params: { path: { id: journey.id } },
    body: { name: 'Delivery' },
  }));
  const touchpoint = must('post', '/api/v1/touchpoints', await client.POST('/api/v1/touchpoints', {
    body: { stageId: stage.id, name: 'Parcel delivered', key: 'parcel-delivered', channel: 'delivery' },
  }));
  const channel: Schemas['Channel'] = touchpoint.channel;
  // @ts-expect-error -- channels are a named enum, not any string
  const notAChannel: Schemas['Channel'] = 'pigeon';

  const survey = must('post', '/api/v1/surveys', await client.POST('/api/v1/surveys', {
    body: { touchpointId: touchpoint.id, metric: 'nps', trigger: { event: 'order.delivered', delaySeconds: 0 } },
  }));
  const metric: 'nps' | 'csat' | 'ces' = survey.metric;

  const event = must('post', '/api/v1/events', await client.POST('/api/v1/events', {
    body: { type: 'order.delivered', person: { email: 'ada@example.com', name: 'Ada' } },
  }));
  const invitation = must('get', '/api/v1/invitations/{id}', await client.GET('/api/v1/invitations/{id}', {
    params: { path: { id: event.invitations[0].id } },
  }));
  const sentAt: string | null = invitation.sentAt;

  const scores = must('get', '/api/v1/scores', await client.GET('/api/v1/scores', {
    params: { query: { touchpointId: touchpoint.id, metric: 'nps' } },
  }));
  const ci: number[] | null = scores.ci95;
  const map = must('get', '/api/v1/journeys/{id}/map', await client.GET('/api/v1/journeys/{id}/map', {
    params: { path: { id: journey.id } },
  }));
  const emotion: number | null = map.stages[1].emotion;
  const fetched = must('get', '/api/v1/journeys/{id}', await client.GET('/api/v1/journeys/{id}', {
    params: { path: { id: journey.id } },
  }));
  const bad = await client.GET('/api/v1/journeys/{id}', { params: { path: { id: 'not-a-uuid' } } });
  seen.push({ method: 'get', path: '/api/v1/journeys/{id}', status: bad.response.status, body: bad.error });

  const summary = {
    firstStage, channel, metric, sentAt, ci, emotion,
    invitationStatus: invitation.status,
    scoreN: scores.n,
    mapStages: map.stages.map((s) => s.name),
    mapTouchpoint: map.stages[1].touchpoints[0].key,
    fetchedTouchpoints: fetched.stages[1].touchpoints?.length,
    badStatus: bad.response.status,
    badMessage: bad.error?.message,
  };
  process.stdout.write(JSON.stringify({ summary, seen }));
}

main().catch((error: unknown) => {
  process.stderr.write(String(error) + '\n' + JSON.stringify(seen) + '\n');
  process.exit(1);
});
`;
