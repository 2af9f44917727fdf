import { DemoModule, DemoSeeder } from '@cairn/demo';
import { PeopleModule } from '@cairn/people';
import { createPerson, createWorkspace } from '../factories';
import { createServiceTest, ServiceTest } from '../utils/service-test';

describe('DemoSeeder (service tier)', () => {
  let t: ServiceTest;
  const now = new Date('2026-06-01T12:00:00Z');

  beforeAll(async () => {
    t = await createServiceTest([DemoModule, PeopleModule]);
  });
  afterAll(() => t?.close());

  const scores = async (journeyId: string) =>
    (
      await t.prisma.response.findMany({ where: { journeyId }, orderBy: { createdAt: 'asc' }, select: { score: true, createdAt: true } })
    ).map((r) => `${r.createdAt.toISOString()} ${r.score}`);

  it('seeds the same data in every workspace, with rollups equal to the raw answers', async () => {
    const [a, b] = [(await createWorkspace(t)).id, (await createWorkspace(t)).id];
    const seeder = t.get(DemoSeeder);
    const first = await seeder.seed(a, { responses: 120, days: 30, now });
    const second = await seeder.seed(b, { responses: 120, days: 30, now });
    expect(await scores(first.journeyId)).toEqual(await scores(second.journeyId));
    const touchpoints = (await t.prisma.touchpoint.findMany({ where: { workspaceId: a }, select: { id: true } })).map((tp) => tp.id);
    const rolled = await t.prisma.scoreRollup.aggregate({ where: { touchpointId: { in: touchpoints } }, _sum: { count: true } });
    expect(rolled._sum.count).toBe(120);
    // Each past answer's id is made at its own time (uuidv7: the first 48 bits are its milliseconds), as an import's is.
    const answers = await t.prisma.response.findMany({ where: { workspaceId: a }, select: { id: true, createdAt: true } });
    for (const { id, createdAt } of answers) expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(createdAt.getTime());
  });

  it('seeds once, keeping the people a workspace already has at demo addresses', async () => {
    const workspaceId = (await createWorkspace(t)).id;
    const mine = await createPerson(t, workspaceId, { email: 'customer1@demo.example', name: 'Mine' });
    const seeder = t.get(DemoSeeder);
    const first = await seeder.seed(workspaceId, { responses: 50, now });
    expect(first.created).toBe(true);
    expect(await seeder.seed(workspaceId, { responses: 50, now })).toEqual({ journeyId: first.journeyId, created: false });
    expect(await t.prisma.response.count({ where: { workspaceId } })).toBe(50);
    expect(await t.prisma.person.count({ where: { workspaceId } })).toBe(300);
    expect(await t.prisma.person.findUniqueOrThrow({ where: { id: mine.id } })).toMatchObject({ name: 'Mine', properties: {} });
  });
});
