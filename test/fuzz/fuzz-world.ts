// Objects the fuzzer's path parameters can name: one of each kind, made
// through the API (and the real worker for emails, cases and deliveries), so
// hostile requests also reach the code behind a found record, not only 404s.
import { Client } from 'pg';
import type { SmtpSink } from '../utils/smtp-sink';
import { waitFor } from '../utils/test-worker';

export interface FuzzWorld {
  baseUrl: string;
  apiKey: string;
  publishableKey: string;
  receiverUrl: string;
  session: { cookie: string; csrf: string };
  /** Valid values by kind: journey, stage, touchpoint, … token, email. */
  ids: Record<string, string[]>;
}

export interface WorldSetup {
  baseUrl: string;
  apiKey: string;
  databaseUrl: string;
  adminEmail: string;
  adminPassword: string;
  receiverUrl: string;
  smtp: SmtpSink;
}

export async function seedWorld(setup: WorldSetup): Promise<FuzzWorld> {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${setup.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${setup.apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`seeding ${method} ${path} answered ${res.status}: ${text}`);
    return { json: (text ? JSON.parse(text) : null) as Record<string, any>, headers: res.headers };
  };

  const journey = (await call('POST', '/api/v1/journeys', { name: 'Fuzz journey', stages: [{ name: 'Buy' }, { name: 'Use' }] })).json;
  const stageIds = (journey.stages as Array<{ id: string }>).map((s) => s.id);
  const touchpoint = (
    await call('POST', '/api/v1/touchpoints', { stageId: stageIds[0], name: 'Checkout', key: 'fuzz-web', channel: 'web' })
  ).json;
  const survey = (
    await call('POST', '/api/v1/surveys', {
      touchpointId: touchpoint.id,
      metric: 'nps',
      trigger: { event: 'order.delivered', delaySeconds: 0 },
    })
  ).json;
  const persona = (await call('POST', '/api/v1/personas', { name: 'Pro', filters: { plan: 'pro' } })).json;
  const webhook = (await call('POST', '/api/v1/webhooks', { url: setup.receiverUrl, events: ['response.created', 'case.opened'] })).json;
  const user = (
    await call('POST', '/api/v1/users', { email: 'viewer@example.com', name: 'Vera', role: 'viewer', password: 'long enough password' })
  ).json;
  const apiKey = (await call('POST', '/api/v1/api-keys', { name: 'spare', role: 'viewer' })).json;
  const email = 'fuzz.person@example.com';
  const event = (
    await call('POST', '/api/v1/events', { type: 'order.delivered', person: { email, name: 'Fay', properties: { plan: 'pro' } } })
  ).json;
  const person = (await call('GET', `/api/v1/people?email=${encodeURIComponent(email)}`)).json;

  // The publishable key has no API of its own: it is shown in the dashboard's settings.
  const db = new Client({ connectionString: setup.databaseUrl });
  await db.connect();
  const publishableKey = (await db.query<{ publishable_key: string }>("SELECT publishable_key FROM workspaces WHERE slug = 'default'"))
    .rows[0].publishable_key;
  await db.end();

  const response = (
    await call('POST', '/api/v1/public/responses', { workspaceKey: publishableKey, touchpointKey: 'fuzz-web', score: 0, comment: 'Slow' })
  ).json;
  const mail = await waitFor(() => setup.smtp.mails.find((m) => m.to.includes(email)), 30_000, 'the survey email');
  const token = (kind: 'r' | 'u') => new RegExp(`/${kind}/([\\w-]+)`).exec(mail.html)![1];
  const caseRow = await waitFor(async () => (await call('GET', '/api/v1/cases')).json.data?.[0], 30_000, 'a case for the detractor');
  const delivery = await waitFor(
    async () => (await call('GET', `/api/v1/webhooks/${webhook.id}/deliveries`)).json.data?.[0],
    30_000,
    'a webhook delivery',
  );
  const alertRule = (await call('GET', '/api/v1/alert-rules')).json;

  const login = await call('POST', '/api/v1/auth/login', { email: setup.adminEmail, password: setup.adminPassword });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const csrf = (await call('GET', '/api/v1/auth/session', undefined, { cookie, authorization: '' })).json.csrfToken as string;

  return {
    baseUrl: setup.baseUrl,
    apiKey: setup.apiKey,
    publishableKey,
    receiverUrl: setup.receiverUrl,
    session: { cookie, csrf },
    ids: {
      journey: [journey.id],
      stage: stageIds,
      touchpoint: [touchpoint.id],
      survey: [survey.id],
      persona: [persona.id],
      webhook: [webhook.id],
      delivery: [delivery.id],
      user: [user.id],
      apiKey: [apiKey.id],
      person: [person.data?.[0]?.id ?? person.id],
      invitation: (event.invitations as Array<{ id: string }>).map((i) => i.id),
      response: [response.id],
      case: [caseRow.id],
      alertRule: (Array.isArray(alertRule) ? alertRule : alertRule.data).map((r: { id: string }) => r.id),
      responseToken: [token('r')],
      unsubscribeToken: [token('u')],
      touchpointKey: ['fuzz-web'],
      email: [email],
      workspaceKey: [publishableKey],
    },
  };
}
