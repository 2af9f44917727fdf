import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const pem = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('deliverability configuration', () => {
  it('is off by default: no DKIM, no VERP, no listener, the pause at 10 % / 0.1 % / 50', () => {
    expect(loadConfig({}).deliverability).toEqual({
      dkim: null,
      bounceAddress: null,
      bounceSmtpPort: null,
      bounceSmtpHost: '0.0.0.0',
      softBounceLimit: 3,
      softBounceWindowDays: 14,
      pause: { bounceRate: 0.1, complaintRate: 0.001, minSent: 50 },
      snsCertOrigins: [],
    });
  });

  it('reads the DKIM key as PEM (escaped newlines too) or from a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dkim-'));
    try {
      writeFileSync(join(dir, 'key.pem'), pem);
      const fromFile = loadConfig({ DKIM_DOMAIN: 'Mail.Example.com', DKIM_SELECTOR: 's1', DKIM_PRIVATE_KEY: join(dir, 'key.pem') });
      expect(fromFile.deliverability.dkim).toEqual({ domain: 'mail.example.com', selector: 's1', privateKey: pem });
      const inline = loadConfig({ DKIM_DOMAIN: 'x.example', DKIM_SELECTOR: 's1', DKIM_PRIVATE_KEY: pem.replace(/\n/g, '\\n') });
      expect(inline.deliverability.dkim?.privateKey).toBe(pem);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses half a DKIM setup, a key that is neither, and a bounce address with a + or a name', () => {
    expect(() => loadConfig({ DKIM_DOMAIN: 'x.example' })).toThrow(ConfigError);
    expect(() => loadConfig({ DKIM_DOMAIN: 'x.example', DKIM_SELECTOR: 's', DKIM_PRIVATE_KEY: '/no/such/key.pem' })).toThrow(
      'DKIM_PRIVATE_KEY must be a PEM private key or the path of one',
    );
    expect(() => loadConfig({ BOUNCE_ADDRESS: 'bounces+x@example.com' })).toThrow(ConfigError);
    expect(() => loadConfig({ BOUNCE_ADDRESS: 'Bounces <b@example.com>' })).toThrow(ConfigError);
    expect(loadConfig({ BOUNCE_ADDRESS: 'bounces@Mail.Example.com', BOUNCE_SMTP_PORT: '2525' }).deliverability).toMatchObject({
      bounceAddress: { local: 'bounces', domain: 'mail.example.com' },
      bounceSmtpPort: 2525,
    });
  });
});
