import { sendAndVanish } from '../../test/utils/smtp-send-and-vanish';
import { waitFor } from '../../test/utils/wait-for';
import { DevMailCatcher, startDevMailCatcher } from './dev-mail-catcher';

describe('the development mail catcher: a sender that vanishes right after its message', () => {
  const kept: Array<{ raw: string; to: string }> = [];
  let catcher: DevMailCatcher;
  beforeAll(async () => {
    // The store's own behaviour is tested on Redis in distribution-dev-mail; here only what reaches it.
    catcher = await startDevMailCatcher({ add: async (raw, to) => String(kept.push({ raw: raw.toString(), to })) });
  });
  afterAll(async () => {
    await catcher.close();
    delete process.env.CAIRN_DEV_SMTP_URL;
  });

  it('keeps a message whose end-of-data mark it received (a worker killed after the hand-over), as an MTA does', async () => {
    await sendAndVanish(catcher.url, true);
    await waitFor(() => kept.length === 1, 15_000, 'the message to be kept');
    expect(kept[0].to).toBe('b@example.com');
    expect(kept[0].raw).toContain('Message-ID: <vanish@test>');
    // The whole message, unescaped: its last line too.
    expect(kept[0].raw).toMatch(/\n\.a line that starts with a dot 1999\r?\n?$/);
  });
});
