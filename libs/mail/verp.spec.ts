import { invitationOfMessageId, isBounceMailbox, parseVerp, verpAddress } from './verp';

const BOUNCE = { local: 'bounces', domain: 'mail.example.com' };
const ID = '019a2b3c-4d5e-7f60-8a9b-0c1d2e3f4a5b';

describe('VERP', () => {
  it('encodes the invitation in the envelope sender and reads it back', () => {
    expect(verpAddress(BOUNCE, ID)).toBe(`bounces+${ID}@mail.example.com`);
    expect(parseVerp(BOUNCE, `bounces+${ID}@mail.example.com`)).toBe(ID);
    expect(parseVerp(BOUNCE, `Bounces+${ID.toUpperCase()}@MAIL.example.com`)).toBe(ID);
    expect(verpAddress(null, ID)).toBeNull();
  });

  it('refuses everything outside the address space', () => {
    for (const address of [
      `bounces@mail.example.com`,
      `bounces+${ID}@other.example`,
      `other+${ID}@mail.example.com`,
      'bounces+1@mail.example.com',
      `bounces+${ID}x@mail.example.com`,
    ]) {
      expect(parseVerp(BOUNCE, address)).toBeNull();
    }
    expect(parseVerp(null, `bounces+${ID}@mail.example.com`)).toBeNull();
  });

  it('knows the bare bounce mailbox and the invitation a Message-ID names', () => {
    expect(isBounceMailbox(BOUNCE, 'Bounces@mail.example.com')).toBe(true);
    expect(isBounceMailbox(BOUNCE, `bounces+${ID}@mail.example.com`)).toBe(false);
    expect(invitationOfMessageId(`<${ID}@mail.example.com>`)).toBe(ID);
    expect(invitationOfMessageId(`<${ID}.reminder@mail.example.com>`)).toBe(ID);
    expect(invitationOfMessageId(`<x${ID}@mail.example.com>`)).toBeNull();
    expect(invitationOfMessageId(null)).toBeNull();
  });
});
