import { API_KEY_CACHE_TTL_MS, ApiKeyService } from '@cairn/auth';
import { createWorkspace } from '../factories';
import { createServiceTest, ServiceTest } from '../utils/service-test';
import { atInstant } from '../utils/test-clock';

describe('ApiKeyService (service tier): keys kept in memory, revocations honoured', () => {
  let t: ServiceTest;
  let keys: ApiKeyService;
  let workspaceId: string;

  beforeAll(async () => {
    t = await createServiceTest([]);
    keys = t.get(ApiKeyService);
    workspaceId = (await createWorkspace(t)).id;
  });
  afterAll(() => t?.close());

  it('accepts a key from memory without reading it again, and refuses unknown keys', async () => {
    const { key, id } = await keys.create(workspaceId, 'cached');
    expect(await keys.verify(key)).toMatchObject({ id, workspaceId });
    // Deleted behind the service's back: the kept key still answers, which shows it came from memory.
    await t.prisma.apiKey.delete({ where: { id } });
    expect(await keys.verify(key)).toMatchObject({ id });
    expect(await keys.verify(`${key}x`)).toBeNull();
  });

  it('refuses a key revoked in this process at once, even one it had just kept', async () => {
    const { key, id } = await keys.create(workspaceId, 'revoked here');
    expect(await keys.verify(key)).not.toBeNull();
    await keys.revoke(workspaceId, id);
    expect(await keys.verify(key)).toBeNull();
  });

  it('refuses a key revoked by another process once its entry expires', async () => {
    const { key, id } = await keys.create(workspaceId, 'revoked elsewhere');
    expect(await keys.verify(key)).not.toBeNull();
    // Another API process revokes it: this one is not told, so its entry bounds how long the key still works.
    await t.prisma.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    const expired = new Date(Date.now() + API_KEY_CACHE_TTL_MS + 1);
    expect(await atInstant(t.module, expired, () => keys.verify(key))).toBeNull();
  });
});
