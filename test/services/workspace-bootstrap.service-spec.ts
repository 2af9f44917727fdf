import { WorkspaceBootstrapService } from '@cairn/workspace';
import { createServiceTest, ServiceTest } from '../utils/service-test';

// Several API processes (WEB_CONCURRENCY, N instances) boot at once against a new database: each bootstraps.
describe('first-start bootstrap run by several processes at once', () => {
  let t: ServiceTest;

  afterEach(() => t?.close());

  async function bootstrapsAtOnce(n: number) {
    const bootstrap = t.get(WorkspaceBootstrapService);
    const results = await Promise.all(Array.from({ length: n }, () => bootstrap.bootstrap()));
    const workspaces = await t.prisma.workspace.findMany({ where: { slug: 'default' } });
    expect(workspaces).toHaveLength(1);
    expect(new Set(results.map((r) => r.workspaceId))).toEqual(new Set([workspaces[0].id]));
    expect(await t.prisma.alertRule.count({ where: { workspaceId: workspaces[0].id, isDefault: true } })).toBe(1);
    expect(await t.prisma.theme.count({ where: { workspaceId: workspaces[0].id, builtIn: true } })).toBe(8);
    return { results, workspaceId: workspaces[0].id };
  }

  it('makes one workspace, one rule, the themes and one key from CAIRN_BOOTSTRAP_API_KEY', async () => {
    t = await createServiceTest([]);
    const { workspaceId } = await bootstrapsAtOnce(4);
    expect(await t.prisma.apiKey.count({ where: { workspaceId } })).toBe(1);
  });

  it('generates and prints one first admin key, not one per process', async () => {
    t = await createServiceTest([], { bootstrapApiKey: undefined });
    const { results, workspaceId } = await bootstrapsAtOnce(4);
    expect(results.filter((r) => r.generatedKey !== null)).toHaveLength(1);
    expect(await t.prisma.apiKey.count({ where: { workspaceId } })).toBe(1);
  });
});
