import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtInThemeSeeds } from '@cairn/comments';
import { defaultMigrationsDir } from '@cairn/database';
import { InsightsModule, ThemeService } from '@cairn/insights';
import { createWorkspace } from '../factories/workspace.factory';
import { createServiceTest, ServiceTest } from '../utils/service-test';

// The built-in themes are written with the workspace, so reading themes writes nothing; workspaces made before
// that get theirs from a migration.
describe('built-in themes of a workspace', () => {
  let t: ServiceTest;

  beforeAll(async () => {
    t = await createServiceTest([InsightsModule]);
  });
  afterAll(() => t.close());

  const builtIns = (workspaceId: string) =>
    t.prisma.theme.findMany({ where: { workspaceId, builtIn: true }, select: { key: true, name: true, keywords: true } });

  it('a new workspace has the eight built-ins before anything reads its themes', async () => {
    const workspace = await createWorkspace(t);
    const seeds = builtInThemeSeeds();
    expect(seeds).toHaveLength(8);
    expect((await builtIns(workspace.id)).sort((a, b) => a.key.localeCompare(b.key))).toEqual(
      [...seeds].sort((a, b) => a.key.localeCompare(b.key)),
    );
    expect(await t.prisma.workspace.findUniqueOrThrow({ where: { id: workspace.id } })).toMatchObject({ themesSeeded: true });
    const listed = await t.get(ThemeService).list(workspace.id);
    expect(listed.data.map((theme) => theme.key).sort()).toEqual(seeds.map((seed) => seed.key).sort());
  });

  it('ensuring the workspace again (every boot ensures `default`) brings back no built-in a manager deleted', async () => {
    const workspace = await createWorkspace(t);
    await t.get(ThemeService).remove(workspace.id, 'price');
    await createWorkspace(t, { slug: workspace.slug });
    expect((await builtIns(workspace.id)).map((theme) => theme.key)).not.toContain('price');
    expect(await builtIns(workspace.id)).toHaveLength(7);
  });

  it('the migration writes them for workspaces made before, and leaves seeded workspaces alone', async () => {
    const [older, seeded] = [await createWorkspace(t), await createWorkspace(t)];
    // As a workspace made before this release and never read: no themes and not marked.
    await t.prisma.theme.deleteMany({ where: { workspaceId: older.id } });
    await t.prisma.workspace.update({ where: { id: older.id }, data: { themesSeeded: false } });
    await t.get(ThemeService).remove(seeded.id, 'delivery');

    const sql = readFileSync(join(defaultMigrationsDir(), '20261202140000_seed_built_in_themes', 'migration.sql'), 'utf8');
    await t.prisma.$executeRawUnsafe(sql);

    const written = await builtIns(older.id);
    // The migration holds this release's built-ins: the same keys and names as the code's (keywords move on later).
    expect(written.map(({ key, name }) => ({ key, name })).sort((a, b) => a.key.localeCompare(b.key))).toEqual(
      builtInThemeSeeds()
        .map(({ key, name }) => ({ key, name }))
        .sort((a, b) => a.key.localeCompare(b.key)),
    );
    expect(written.every((theme) => Object.values(theme.keywords as Record<string, string[]>).every((words) => words.length > 0))).toBe(
      true,
    );
    expect(await t.prisma.workspace.findUniqueOrThrow({ where: { id: older.id } })).toMatchObject({ themesSeeded: true });
    expect((await builtIns(seeded.id)).map((theme) => theme.key)).not.toContain('delivery');
  });
});
