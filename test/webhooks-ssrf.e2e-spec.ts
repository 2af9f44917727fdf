import { startTestApi, TestContext } from './utils/test-app';

// The list: loopback in every spelling, private, link-local/metadata, CGNAT, unspecified.
const REFUSED = [
  'http://127.0.0.1/hook',
  'http://localhost/hook',
  'http://[::1]/hook',
  'http://[::ffff:127.0.0.1]/hook',
  'http://0.0.0.0/hook',
  'http://10.1.2.3/hook',
  'http://172.16.0.1/hook',
  'http://172.31.255.254/hook',
  'http://192.168.1.1/hook',
  'http://169.254.169.254/latest/meta-data',
  'http://100.64.0.1/hook',
  'http://2130706433/hook',
  'http://0x7f000001/hook',
  'http://app.localhost/hook',
  'ftp://example.com/hook',
  'http://user:pass@example.com/hook',
  'not a url',
];

describe('SSRF guard at POST /webhooks', () => {
  let ctx: TestContext;

  // Production settings: no allow-list.
  beforeAll(async () => {
    ctx = await startTestApi({ webhookAllowPrivate: null });
  });
  afterAll(() => ctx?.close());

  it.each(REFUSED)('refuses %s with 400 and the reason, storing nothing', async (url) => {
    const res = await ctx
      .api('post', '/api/v1/webhooks')
      .send({ url, events: ['case.opened'] })
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(/^url refused: .+/) });
    expect(await ctx.prisma.webhookEndpoint.count()).toBe(0);
  });

  it('refuses an internal address on PATCH too', async () => {
    const row = await ctx.prisma.webhookEndpoint.create({
      data: { workspaceId: ctx.workspaceId, url: 'https://203.0.114.1/hook', events: ['case.opened'], secret: 'whsec_x' },
    });
    const res = await ctx.api('patch', `/api/v1/webhooks/${row.id}`).send({ url: 'http://10.0.0.5/' }).expect(400);
    expect(res.body.message).toContain('10.0.0.5');
    expect((await ctx.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: row.id } })).url).toBe('https://203.0.114.1/hook');
  });

  it('accepts a public address literal', async () => {
    await ctx
      .api('post', '/api/v1/webhooks')
      .send({ url: 'https://8.8.8.8/hook', events: ['case.opened'] })
      .expect(201);
  });
});
