import { openSecret, sealSecret } from './secret-box';

const KEY = 'k'.repeat(40);

describe('secret box', () => {
  it('seals so that the stored text does not contain the secret, and opens it again', () => {
    const sealed = sealSecret(KEY, 'receiver-signing-key');
    expect(sealed).not.toContain('receiver-signing-key');
    expect(sealed).not.toBe(sealSecret(KEY, 'receiver-signing-key'));
    expect(openSecret(KEY, sealed)).toBe('receiver-signing-key');
  });

  it('refuses another key and altered text', () => {
    const sealed = sealSecret(KEY, 'receiver-signing-key');
    expect(() => openSecret('x'.repeat(40), sealed)).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => openSecret(KEY, parts.join('.'))).toThrow();
    expect(() => openSecret(KEY, 'plain')).toThrow('not a sealed secret');
  });
});
