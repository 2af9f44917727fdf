import { ARGON2_DEFAULT_MEMORY_KIB } from '@cairn/config';
import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  it('hashes with argon2id at the configured memory cost', async () => {
    const hash = await new PasswordHasher({ argon2MemoryKiB: 1024 }).hash('correct horse battery');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=1024,/);
  });

  it('uses the 64 MiB default unless told otherwise', async () => {
    const hash = await new PasswordHasher({ argon2MemoryKiB: ARGON2_DEFAULT_MEMORY_KIB }).hash('correct horse battery');
    expect(hash).toMatch(/\$m=65536,/);
  });

  it('verifies a hash made at another cost: lowering or raising the setting never locks anyone out', async () => {
    const strong = await new PasswordHasher({ argon2MemoryKiB: 4096 }).hash('correct horse battery');
    const cheap = new PasswordHasher({ argon2MemoryKiB: 1024 });
    expect(await cheap.verify(strong, 'correct horse battery')).toBe(true);
    expect(await cheap.verify(strong, 'wrong horse battery')).toBe(false);
    expect(await cheap.verify(null, 'correct horse battery')).toBe(false);
  });
});
