// Issue 22, point 1: a key such as `__proto__[x]` once wrote to
// Object.prototype and took the API (and with `npm start` the worker) down.
// The app runs in this process, so a pollution would show right here.
import { ApiKeyService } from '@cairn/auth';
import { startTestApi, TestContext } from './utils/test-app';

const D = '/compat/delighted/v1';

describe('prototype keys are refused everywhere user keys become object keys', () => {
  let ctx: TestContext;
  let manager: string;
  let journeyId: string;

  beforeAll(async () => {
    ctx = await startTestApi();
    manager = (await ctx.app.get(ApiKeyService).create(ctx.workspaceId, 'manager', 'manager')).key;
    journeyId = (
      await ctx
        .api('post', '/api/v1/journeys')
        .send({ name: 'Keys', stages: [{ name: 'One' }] })
        .expect(201)
    ).body.id;
  });
  afterAll(() => ctx.close());

  const prototypeIsClean = () => {
    const probe = {} as Record<string, unknown>;
    expect(probe.x).toBeUndefined();
    expect(probe.polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  };

  const stillAnswers = async () => {
    await ctx.api('get', '/api/v1/journeys').expect(200);
    await ctx.http().get(`${D}/unsubscribes.json`).auth(manager, '').expect(200);
  };

  it('Delighted unsubscribes: the form body __proto__[x]=1 gets a 400, stores nothing and the API keeps answering', async () => {
    const res = await ctx
      .http()
      .post(`${D}/unsubscribes`)
      .auth(manager, '')
      .type('form')
      .send('__proto__[x]=1&person_email=a@b.test')
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, message: expect.stringContaining('__proto__') });
    prototypeIsClean();
    expect(await ctx.prisma.suppression.count({ where: { workspaceId: ctx.workspaceId } })).toBe(0);
    await stillAnswers();
  });

  it.each([
    ['post', `${D}/unsubscribes.json`],
    ['post', `${D}/people.json`],
    ['post', `${D}/survey_responses.json`],
    ['put', `${D}/survey_responses.json`],
    ['put', `${D}/survey_responses/0199aa00-0000-7000-8000-000000000001.json`],
  ] as const)(
    'Delighted %s %s: JSON {"__proto__[x]":1} and form keys constructor[x] / properties[prototype] get a 400',
    async (method, path) => {
      for (const form of [
        'constructor[x]=1&person_email=a@b.test',
        'email=a@b.test&properties[prototype]=1',
        'email=a@b.test&properties[__proto__]=1',
      ]) {
        await ctx.http()[method](path).auth(manager, '').type('form').send(form).expect(400);
      }
      const json = { '__proto__[x]': 1, person_email: 'a@b.test', email: 'a@b.test', score: 9 };
      await ctx.http()[method](path).auth(manager, '').send(json).expect(400);
      prototypeIsClean();
      expect(await ctx.prisma.person.count({ where: { workspaceId: ctx.workspaceId } })).toBe(0);
      expect(await ctx.prisma.response.count({ where: { workspaceId: ctx.workspaceId } })).toBe(0);
      await stillAnswers();
    },
  );

  it('person properties: constructor / prototype keys are refused on events, the people API and Delighted people, nothing stored', async () => {
    for (const key of ['constructor', 'prototype']) {
      await ctx
        .api('post', '/api/v1/events')
        .send({ type: 'order.delivered', person: { email: 'p@example.com', properties: { [key]: 'x' } } })
        .expect(400);
      await ctx
        .http()
        .post(`${D}/people.json`)
        .auth(manager, '')
        .send({ email: 'p@example.com', properties: { [key]: 'x' } })
        .expect(400);
    }
    expect(await ctx.prisma.person.count({ where: { workspaceId: ctx.workspaceId } })).toBe(0);
    expect(await ctx.prisma.event.count({ where: { workspaceId: ctx.workspaceId } })).toBe(0);

    const created = await ctx
      .api('post', '/api/v1/events')
      .send({ type: 'order.delivered', person: { email: 'p@example.com', properties: { plan: 'pro' } } })
      .expect(202);
    expect(created.body.eventId).toEqual(expect.any(String));
    const person = await ctx.prisma.person.findFirstOrThrow({ where: { workspaceId: ctx.workspaceId, email: 'p@example.com' } });
    await ctx
      .api('patch', `/api/v1/people/${person.id}`)
      .send({ properties: { prototype: 'x' } })
      .expect(400);
    expect((await ctx.prisma.person.findUniqueOrThrow({ where: { id: person.id } })).properties).toEqual({ plan: 'pro' });
    prototypeIsClean();
  });

  it('segments and persona filters: segment.__proto__ / segment.constructor and a persona filter named prototype get a 400', async () => {
    for (const segment of ['segment.__proto__=x', 'segment.constructor=x', 'segment.a.prototype=x']) {
      await ctx.api('get', `/api/v1/scores?journeyId=${journeyId}&${segment}`).expect(400);
      await ctx.api('get', `/api/v1/journeys/${journeyId}/map?${segment}`).expect(400);
    }
    await ctx.api('get', `/api/v1/scores?journeyId=${journeyId}&metric=nps&segment.plan=pro`).expect(200);
    await ctx
      .api('post', '/api/v1/personas')
      .send({ name: 'Evil', filters: { prototype: 'x' } })
      .expect(400);
    await ctx
      .api('post', '/api/v1/personas')
      .send({ name: 'Evil', filters: { constructor: 'x' } })
      .expect(400);
    expect(await ctx.prisma.persona.count({ where: { workspaceId: ctx.workspaceId } })).toBe(0);
    prototypeIsClean();
    await stillAnswers();
  });
});
