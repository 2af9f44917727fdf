import { DelightedSurveyService } from '@cairn/delighted';
import { InvitationSendService, RelationshipSchedulerService, slotAt, slotOffsetSeconds } from '@cairn/distribution';
import { RedisService } from '@cairn/redis';
import { ResponseRecorderService } from '@cairn/responses';
import { BASE, byCompat, DelightedClient, failure, nowUnix, Obj, plain, startDelightedApi } from './delighted.fixtures';
import { FakeSmsProvider } from './utils/fake-sms-provider';
import { TestContext } from './utils/test-app';
import { atInstant } from './utils/test-clock';

// Issue 19: the official `delighted` Node client, unchanged, against every method it has; recorded
// request/response pairs (Delighted's documented forms) for what the client does not send itself.
interface Autopilot {
  autopilotConfiguration: { retrieve(platform: string): PromiseLike<Obj> };
  autopilotMembership: {
    forEmail(): MembershipResource;
    forSms(): MembershipResource;
  };
}
interface MembershipResource {
  create(data: Obj): PromiseLike<Obj>;
  delete(params: Obj): PromiseLike<Obj>;
  list(params?: Obj): { autoPagingEach(each: (item: Obj) => unknown, opts?: Obj): PromiseLike<void> };
}

describe('Delighted drop-in: every documented operation through the official Node client', () => {
  let ctx: TestContext;
  let client: DelightedClient & Autopilot;
  let port: number;
  let provider: FakeSmsProvider;

  beforeAll(async () => {
    // SMS is configured (a real HTTP fake of Twilio's API): `channel: "sms"` texts.
    provider = await new FakeSmsProvider().start();
    const started = await startDelightedApi({ sms: provider.config });
    ({ ctx, port } = started);
    client = started.client as DelightedClient & Autopilot;
  });
  afterAll(async () => {
    await ctx?.close();
    await provider?.close();
    expect(provider.problems).toEqual([]);
  });

  const api = (method: 'get' | 'post' | 'put' | 'delete', path: string) => ctx.http()[method](path).auth(ctx.apiKey, '');

  it('pages people across 3 pages through a 429 with numeric ids, and deletes by the numeric id', async () => {
    for (let i = 0; i < 5; i++) await client.person.create({ email: `page${i}@example.com`, send: false });
    const redis = ctx.app.get(RedisService);
    const counter = redis.key('rl', 'delighted', ctx.workspaceId);
    const seen: Obj[] = [];
    const waits: number[] = [];
    await client.person.list({ per_page: 2 }).autoPagingEach(
      (person) => {
        // After the first page the workspace is over its limit for 300 ms: the next page answers 429.
        if (seen.push(person) === 1) void redis.client.set(counter, '1000000', 'PX', 300);
      },
      { auto_handle_rate_limits_callback: (retryAfter: number) => waits.push(retryAfter) },
    );
    expect(waits).toEqual([1]);
    expect(seen.map((p) => p.email)).toEqual([0, 1, 2, 3, 4].map((i) => `page${i}@example.com`));
    for (const person of seen) expect(person.id).toMatch(/^\d+$/);

    const doomed = seen[4];
    expect(plain(await client.person.delete({ id: doomed.id }))).toEqual({ ok: true });
    expect(await ctx.prisma.person.findFirstOrThrow({ where: byCompat(doomed.id) })).toMatchObject({ email: null });
    await api('delete', `${BASE}/people/${doomed.id}`).expect(404);
  });

  it('stores tags and additional answers, reads responses by numeric id, and counts metrics by group and metric', async () => {
    const person = await client.person.create({ email: 'tags@example.com', send: false });
    const created = await client.surveyResponse.create({
      person: person.id,
      score: 10,
      tags: ['vip'],
      additional_answers: [{ question: { id: '55', text: 'What do you like most?' }, value: 'Speed' }],
    });
    expect(created).toMatchObject({
      person: person.id,
      tags: ['vip'],
      additional_answers: [
        { id: '1', question: { id: '55', type: 'free_response', text: 'What do you like most?' }, value: { free_response: 'Speed' } },
      ],
    });
    expect(created.permalink).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/#/touchpoints/[\\w-]+\\?response=[\\w-]+$`));
    const fetched = await client.surveyResponse.retrieve(created.id);
    fetched.tags = ['vip', 'renewal'];
    const saved = await (fetched as unknown as { save(): PromiseLike<Obj> }).save();
    expect(plain(saved)).toMatchObject({ id: created.id, tags: ['vip', 'renewal'] });
    // Delighted's documented form: PUT /survey_responses/:id.json.
    const put = await api('put', `${BASE}/survey_responses/${created.id}.json`).send({ tags: [], score: 9 }).expect(200);
    expect(put.body).toMatchObject({ id: created.id, score: 9, tags: [] });

    // An email answer (group email) next to the API's (no group): groups[] counts only the channels asked for.
    const survey = await ctx.app.get(DelightedSurveyService).resolve(ctx.workspaceId);
    const row = await ctx.prisma.person.findFirstOrThrow({ where: byCompat(person.id) });
    await ctx.app.get(ResponseRecorderService).answerDirect(
      {
        workspaceId: ctx.workspaceId,
        surveyId: survey.id,
        personId: row.id,
        touchpointId: survey.touchpointId,
        stageId: survey.touchpoint.stageId,
        journeyId: survey.touchpoint.journeyId,
        metric: 'nps',
        locale: null,
        source: 'email',
        personProperties: {},
      },
      { score: 0, comment: null },
    );
    // All time by default (Delighted's, not the last 30 days): a response dated 100 days ago counts.
    await client.surveyResponse.create({ person: person.id, score: 7, created_at: nowUnix() - 100 * 86_400 });
    expect(plain(await client.metrics.retrieve())).toMatchObject({
      nps: 0,
      promoter_count: 1,
      passive_count: 1,
      detractor_count: 1,
      response_count: 3,
    });
    expect(plain(await client.metrics.retrieve({ groups: ['email'] }))).toMatchObject({ nps: -100, detractor_count: 1, response_count: 1 });
    expect((await api('get', `${BASE}/metrics.json?groups[]=sms`).expect(200)).body).toMatchObject({ nps: 0, response_count: 0 });
    await api('get', `${BASE}/metrics.json?groups[]=fax`).expect(422);

    // A CSAT touchpoint as trend answers CSAT's numbers.
    const journey = await ctx
      .api('post', '/api/v1/journeys')
      .send({ name: 'Support', stages: [{ name: 'Help' }] })
      .expect(201);
    const desk = await ctx
      .api('post', '/api/v1/touchpoints')
      .send({ stageId: journey.body.stages[0].id, name: 'Desk', key: 'help-desk', channel: 'email' })
      .expect(201);
    const csat = await ctx
      .api('post', '/api/v1/surveys')
      .send({ touchpointId: desk.body.id, metric: 'csat', trigger: { event: 'ticket.closed' } })
      .expect(201);
    for (const score of [5, 4, 1])
      await ctx.app.get(ResponseRecorderService).answerDirect(
        {
          workspaceId: ctx.workspaceId,
          surveyId: csat.body.id,
          personId: row.id,
          touchpointId: desk.body.id,
          stageId: desk.body.stageId,
          journeyId: desk.body.journeyId,
          metric: 'csat',
          locale: null,
          source: 'email',
          personProperties: {},
        },
        { score, comment: null },
      );
    expect(plain(await client.metrics.retrieve({ trend: 'help-desk' }))).toEqual({
      csat: 67,
      satisfied_count: 2,
      satisfied_percent: 67,
      neutral_count: 0,
      neutral_percent: 0,
      dissatisfied_count: 1,
      dissatisfied_percent: 33,
      response_count: 3,
    });

    // Deleting the person through Delighted's API takes their responses out of its listings and metrics.
    await api('delete', `${BASE}/people/${person.id}`).expect(202);
    expect(plain(await client.surveyResponse.all({ per_page: 100 })).map((r: Obj) => r.id)).not.toContain(created.id);
    await api('get', `${BASE}/survey_responses/${created.id}.json`).expect(404);
    expect(plain(await client.metrics.retrieve())).toMatchObject({ response_count: 0 });
  });

  it('maps Autopilot onto a relationship survey: configuration and email/sms memberships', async () => {
    expect(plain(await client.autopilotConfiguration.retrieve('email'))).toEqual({
      platform_id: 'email',
      active: false,
      frequency: 7_776_000,
      created_at: null,
      updated_at: null,
    });
    const email = client.autopilotMembership.forEmail();
    const added = plain(await email.create({ person_email: 'auto@example.com', person_name: 'Auto', properties: { plan: 'pro' } }));
    expect(added).toMatchObject({
      person: { email: 'auto@example.com', name: 'Auto' },
      properties: { plan: 'pro' },
      updated_at: expect.any(Number),
      next_survey_request: { id: null, created_at: null, properties: { plan: 'pro' } },
    });
    await email.create({ person_email: 'auto2@example.com' });
    const config = plain(await client.autopilotConfiguration.retrieve('email'));
    expect(config).toMatchObject({ platform_id: 'email', active: true, frequency: 7_776_000, created_at: expect.any(Number) });
    const survey = await ctx.prisma.survey.findFirstOrThrow({ where: { kind: 'relationship', channel: 'email' } });
    expect(survey).toMatchObject({ everyDays: 90, segment: { delighted_autopilot_email: true } });
    // The next ask is the member's slot in the relationship survey's first period, as its scheduler places it.
    const member = await ctx.prisma.person.findFirstOrThrow({ where: { email: 'auto@example.com' } });
    const slot = slotAt({ everyDays: 90, anchor: survey.scheduleAnchor! }, 0, slotOffsetSeconds(survey.id, member.id, 90));
    expect(added.next_survey_request.survey_scheduled_at).toBe(Math.floor(slot.getTime() / 1000));

    const members: Obj[] = [];
    await email.list({ per_page: 1 }).autoPagingEach((m) => void members.push(m));
    expect(members.map((m) => m.person.email)).toEqual(['auto@example.com', 'auto2@example.com']);
    // The Node client deletes with the person in the query and an empty JSON body.
    expect(plain(await email.delete({ person_email: 'auto@example.com' }))).toMatchObject({ person: { email: 'auto@example.com' } });
    const left: Obj[] = [];
    await email.list().autoPagingEach((m) => void left.push(m));
    expect(left.map((m) => m.person.email)).toEqual(['auto2@example.com']);
    // updated_since (a Singer tap's incremental sync): members changed at or after it, by their updated_at.
    const since = (at: number) => api('get', `${BASE}/autopilot/email/memberships.json?updated_since=${at}`).expect(200);
    expect((await since(left[0].updated_at)).body.map((m: Obj) => m.person.email)).toEqual(['auto2@example.com']);
    expect((await since(nowUnix() + 60)).body).toEqual([]);
    await api('get', `${BASE}/autopilot/email/memberships.json?updated_since=yesterday`).expect(422);

    const sms = client.autopilotMembership.forSms();
    expect(plain(await sms.create({ person_phone_number: '+15555550142' }))).toMatchObject({ person: { phone_number: '+15555550142' } });
    // SMS is configured here: the SMS platform is active once it has a member.
    expect(plain(await client.autopilotConfiguration.retrieve('sms'))).toMatchObject({ platform_id: 'sms', active: true });
    const smsMembers: Obj[] = [];
    await sms.list().autoPagingEach((m) => void smsMembers.push(m));
    expect(smsMembers.map((m) => m.person.phone_number)).toEqual(['+15555550142']);
    // The SMS member leaves the same way (the number in the query string, its + encoded by the client).
    expect(plain(await sms.delete({ person_phone_number: '+15555550142' }))).toMatchObject({ person: { phone_number: '+15555550142' } });
    const smsLeft: Obj[] = [];
    await sms.list().autoPagingEach((m) => void smsLeft.push(m));
    expect(smsLeft).toEqual([]);
    await api('get', `${BASE}/autopilot/fax.json`).expect(422);
  });

  // The client's Person also has retrieve and save (GET /people/:id, PUT /people), which no operation in Delighted's
  // documentation backs: Cairn answers them as an unknown path, in Delighted's error shape.
  it("answers the client's person.retrieve and person.save, which Delighted never documented, with Delighted's 404", async () => {
    const person = await client.person.create({ email: 'undocumented@example.com', send: false });
    const retrieved = await failure(client.person.retrieve(person.id));
    expect(JSON.parse(retrieved.message)).toMatchObject({ status: 404, message: `Cannot GET ${BASE}/people/${person.id}` });
    person.name = 'Renamed';
    const saved = await failure((person as unknown as { save(): PromiseLike<Obj> }).save());
    expect(JSON.parse(saved.message)).toMatchObject({ status: 404, message: `Cannot PUT ${BASE}/people` });
    expect(await ctx.prisma.person.findFirstOrThrow({ where: byCompat(person.id) })).toMatchObject({ name: null });
  });

  it('texts SMS Autopilot members through an SMS relationship survey', async () => {
    const phone = '+46701112255';
    await client.autopilotMembership.forSms().create({ person_phone_number: phone });
    const survey = await ctx.prisma.survey.findFirstOrThrow({ where: { kind: 'relationship', channel: 'sms' } });
    expect(survey).toMatchObject({ everyDays: 90, segment: { delighted_autopilot_sms: true } });
    // The clock at noon UTC at the very end of the survey's period 1: every member's slot in it has come.
    const noon = new Date(new Date().setUTCHours(12, 0, 0, 0));
    const anchor = new Date(noon.getTime() - 180 * 86_400_000 + 1000);
    await ctx.prisma.survey.update({ where: { id: survey.id }, data: { scheduleAnchor: anchor, expiresAfterSeconds: 200 * 86_400 } });
    const person = await ctx.prisma.person.findFirstOrThrow({ where: { phoneNumber: phone } });
    await ctx.prisma.person.update({ where: { id: person.id }, data: { createdAt: anchor } });
    await atInstant(ctx.app, noon, () => ctx.app.get(RelationshipSchedulerService).tick());
    const invitation = await ctx.prisma.invitation.findFirstOrThrow({ where: { surveyId: survey.id, personId: person.id } });
    // While it waits to be sent, the invitation is the member's next survey request.
    const members: Obj[] = [];
    await client.autopilotMembership
      .forSms()
      .list()
      .autoPagingEach((m) => void members.push(m));
    expect(members.find((m) => m.person.phone_number === phone)?.next_survey_request).toMatchObject({
      id: invitation.id,
      survey_scheduled_at: Math.floor(invitation.scheduledFor.getTime() / 1000),
    });
    const sent = await atInstant(ctx.app, noon, () => ctx.app.get(InvitationSendService).send({ invitationId: invitation.id }));
    expect(sent).toBe('sent');
    expect(provider.to(phone)).toHaveLength(1);
    expect(provider.to(phone)[0].body).toMatch(/\/s\/[A-Za-z0-9_-]{22}/);
  });

  it('serves /v1/* for host-only integrations, builds Link from PUBLIC_BASE_URL behind a TLS proxy, and answers bad JSON as Delighted', async () => {
    const onV1 = await ctx
      .http()
      .get('/v1/people.json?per_page=1')
      .auth(ctx.apiKey, '')
      .set('X-Forwarded-Proto', 'https')
      .set('Host', 'inner:8080')
      .expect(200);
    expect(onV1.body).toHaveLength(1);
    expect(onV1.headers.link).toMatch(
      new RegExp(`^<${ctx.config.publicBaseUrl}/v1/people\\.json\\?per_page=1&page_info=[\\w-]+>; rel="next"$`),
    );
    expect((await ctx.http().get('/v1/metrics.json').auth(ctx.apiKey, '').expect(200)).body).toHaveProperty('response_count');
    await ctx.http().get('/v1/metrics.json').expect(401);

    const bad = await api('post', `${BASE}/people.json`).set('Content-Type', 'application/json').send('{"email": ').expect(422);
    expect(bad.body).toMatchObject({ status: 422, message: 'Unprocessable Entity' });
    const badOnV1 = await ctx
      .http()
      .post('/v1/people.json')
      .auth(ctx.apiKey, '')
      .set('Content-Type', 'application/json')
      .send('{"email": ');
    expect({ status: badOnV1.status, body: badOnV1.body }).toMatchObject({
      status: 422,
      body: { status: 422, message: 'Unprocessable Entity' },
    });
  });

  // Delighted's documentation showed each operation as a curl call (form-encoded bodies, `.json` paths) and the
  // answer's fields; these are those requests, answered with those fields (values are this server's).
  // values: what Delighted's documented example answers hold for these requests (ids as strings of digits, times as
  // Unix seconds), matched against the answer's first item.
  const digits = expect.stringMatching(/^\d+$/);
  const unix = expect.any(Number);
  const DOCUMENTED: Array<{ request: [string, string, string?]; status: number; fields: string[]; values?: Record<string, unknown> }> = [
    {
      request: ['post', '/v1/people.json', 'email=doc@example.com&name=Doc&send=false&properties[plan]=pro'],
      status: 200,
      fields: ['email', 'id', 'name', 'properties', 'survey_scheduled_at'],
      values: { id: digits, email: 'doc@example.com', name: 'Doc', properties: { plan: 'pro' } },
    },
    {
      request: ['get', '/v1/people.json?email=doc@example.com'],
      status: 200,
      fields: ['created_at', 'email', 'id', 'last_responded_at', 'last_sent_at', 'name', 'next_survey_scheduled_at', 'phone_number'],
      values: {
        id: digits,
        email: 'doc@example.com',
        name: 'Doc',
        created_at: unix,
        phone_number: null,
        last_sent_at: null,
        last_responded_at: null,
      },
    },
    {
      request: ['post', '/v1/survey_responses.json', 'person={person}&score=10&comment=Great&tags[]=doc'],
      status: 201,
      fields: [
        'additional_answers',
        'comment',
        'created_at',
        'id',
        'notes',
        'permalink',
        'person',
        'person_properties',
        'score',
        'survey_type',
        'tags',
        'updated_at',
      ],
      values: {
        id: digits,
        person: digits,
        score: 10,
        comment: 'Great',
        tags: ['doc'],
        survey_type: 'nps',
        notes: [],
        additional_answers: [],
        created_at: unix,
        updated_at: unix,
        permalink: expect.stringMatching(/^https?:\/\//),
      },
    },
    {
      request: ['get', '/v1/survey_responses.json?per_page=1&since=0&order=desc&expand[]=person'],
      status: 200,
      fields: [
        'additional_answers',
        'comment',
        'created_at',
        'id',
        'notes',
        'permalink',
        'person',
        'person_properties',
        'score',
        'survey_type',
        'tags',
        'updated_at',
      ],
      values: { id: digits, score: 10, comment: 'Great', tags: ['doc'], person: { id: digits, email: 'doc@example.com', name: 'Doc' } },
    },
    {
      request: ['get', '/v1/metrics.json?since=0'],
      status: 200,
      fields: [
        'detractor_count',
        'detractor_percent',
        'nps',
        'passive_count',
        'passive_percent',
        'promoter_count',
        'promoter_percent',
        'response_count',
      ],
      values: {
        nps: expect.any(Number),
        response_count: expect.any(Number),
        promoter_count: expect.any(Number),
        promoter_percent: expect.any(Number),
      },
    },
    { request: ['post', '/v1/unsubscribes.json', 'person_email=doc-unsub@example.com'], status: 200, fields: ['ok'], values: { ok: true } },
    {
      request: ['get', '/v1/unsubscribes.json'],
      status: 200,
      fields: ['email', 'name', 'person_id', 'unsubscribed_at'],
      values: { email: 'doc-unsub@example.com', unsubscribed_at: unix },
    },
    { request: ['get', '/v1/bounces.json'], status: 200, fields: [] },
    { request: ['delete', '/v1/people/doc@example.com/survey_requests/pending.json'], status: 200, fields: ['ok'], values: { ok: true } },
    {
      request: ['get', '/v1/autopilot/email.json'],
      status: 200,
      fields: ['active', 'created_at', 'frequency', 'platform_id', 'updated_at'],
      values: { platform_id: 'email', active: expect.any(Boolean), frequency: expect.any(Number), created_at: unix, updated_at: unix },
    },
    {
      request: ['post', '/v1/autopilot/email/memberships.json', 'person_email=doc-auto@example.com&properties[plan]=pro'],
      status: 200,
      fields: ['created_at', 'next_survey_request', 'person', 'properties', 'updated_at'],
      values: { person: { id: digits, email: 'doc-auto@example.com' }, properties: { plan: 'pro' }, created_at: unix, updated_at: unix },
    },
    {
      request: ['get', '/v1/autopilot/email/memberships.json'],
      status: 200,
      fields: ['created_at', 'next_survey_request', 'person', 'properties', 'updated_at'],
      values: { person: { id: digits, email: expect.any(String) }, created_at: unix },
    },
    {
      request: ['delete', '/v1/autopilot/email/memberships.json', 'person_email=doc-auto@example.com'],
      status: 200,
      fields: ['person'],
      values: { person: { id: digits, email: 'doc-auto@example.com' } },
    },
    { request: ['delete', '/v1/people/email:doc@example.com'], status: 202, fields: ['ok'], values: { ok: true } },
  ];

  it('texts a person created with channel sms once, through an SMS survey on the Delighted touchpoint', async () => {
    // Noon UTC: inside sending hours for a person without a time zone in a UTC workspace.
    const noon = new Date(new Date().setUTCHours(12, 0, 0, 0));
    const send = (invitationId: string) => atInstant(ctx.app, noon, () => ctx.app.get(InvitationSendService).send({ invitationId }));
    const phone = '+46701112233';
    const created = plain(await client.person.create({ phone_number: phone, channel: 'sms', name: 'Sam' }));
    expect(created).toMatchObject({ email: null, phone_number: phone, name: 'Sam', cairn_invitation: { status: 'scheduled' } });
    expect(created.survey_scheduled_at).toEqual(expect.any(Number));
    expect(await send(created.cairn_invitation.id)).toBe('sent');
    expect(await send(created.cairn_invitation.id)).toBe('skipped');
    expect(provider.to(phone)).toHaveLength(1);
    expect(provider.to(phone)[0].body).toMatch(new RegExp(`${ctx.config.publicBaseUrl}/s/[A-Za-z0-9_-]{22}`));
    const invitation = await ctx.prisma.invitation.findUniqueOrThrow({
      where: { id: created.cairn_invitation.id },
      include: { survey: { include: { touchpoint: true } } },
    });
    expect(invitation.survey).toMatchObject({
      channel: 'sms',
      triggerEvent: 'delighted.person.created.sms',
      touchpoint: { key: 'delighted' },
    });

    // Delighted's curl form, with an address too: the person is the address's, with the number; the same SMS survey.
    const both = await api('post', `${BASE}/people.json`)
      .type('form')
      .send({ email: 'texted@example.com', phone_number: '+46701112244', channel: 'sms' })
      .expect(200);
    expect(both.body).toMatchObject({
      email: 'texted@example.com',
      phone_number: '+46701112244',
      cairn_invitation: { status: 'scheduled' },
    });
    const second = await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: both.body.cairn_invitation.id } });
    expect(second.surveyId).toBe(invitation.surveyId);
    expect(await send(second.id)).toBe('sent');
    expect(provider.to('+46701112244')).toHaveLength(1);
  });

  it("answers Delighted's documented requests with the documented fields", async () => {
    let person = '';
    for (const { request, status, fields, values } of DOCUMENTED) {
      const [method, path, form] = request;
      const call = ctx.http()[method as 'get'](path).auth(ctx.apiKey, '');
      const res = await (form ? call.type('form').send(form.replace('{person}', person)) : call);
      expect({ path, status: res.status }).toEqual({ path, status });
      const body = Array.isArray(res.body) ? res.body[0] : res.body;
      if (fields.length)
        expect({
          path,
          fields: Object.keys(body)
            .filter((k) => !k.startsWith('cairn_'))
            .sort(),
        }).toEqual({ path, fields: expect.arrayContaining(fields) });
      if (values) expect({ path, body }).toMatchObject({ path, body: values });
      if (path === '/v1/people.json?email=doc@example.com') person = body.id;
    }
    expect(person).toMatch(/^\d+$/);
  });
});
