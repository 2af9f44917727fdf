import { BadRequestException } from '@nestjs/common';
import { openSecret } from '@cairn/common';
import { sealSigningKey } from './webhook-signing-key';

describe('sealSigningKey', () => {
  const SECRETS_KEY = 's'.repeat(40);

  it('stores the key encrypted, keeps undefined and null as they mean (unchanged, removed)', () => {
    const sealed = sealSigningKey(SECRETS_KEY, 'receiver-key')!;
    expect(sealed).not.toContain('receiver-key');
    expect(openSecret(SECRETS_KEY, sealed)).toBe('receiver-key');
    expect(sealSigningKey(SECRETS_KEY, undefined)).toBeUndefined();
    expect(sealSigningKey(null, null)).toBeNull();
  });

  it('refuses a key when the server has no CAIRN_SECRETS_KEY, rather than storing it in clear', () => {
    expect(() => sealSigningKey(null, 'receiver-key')).toThrow(BadRequestException);
  });
});
