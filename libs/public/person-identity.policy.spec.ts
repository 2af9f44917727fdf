import { userHashOf, verifyIdentity } from './person-identity.policy';

const SECRET = 'wis_test-secret';

describe('verifyIdentity', () => {
  it('treats an answer without a hash as anonymous, whatever person it names', () => {
    expect(verifyIdentity(undefined, SECRET)).toEqual({ kind: 'anonymous' });
    expect(verifyIdentity({ email: 'ceo@example.com' }, SECRET)).toEqual({ kind: 'anonymous' });
    expect(verifyIdentity({ externalId: '42' }, null)).toEqual({ kind: 'anonymous' });
  });

  it('accepts the externalId signed with the secret, and then vouches for nothing else', () => {
    const userHash = userHashOf(SECRET, '42');
    expect(verifyIdentity({ externalId: '42', email: 'someone@example.com', userHash }, SECRET)).toEqual({
      kind: 'signed',
      identity: { externalId: '42' },
    });
    expect(verifyIdentity({ externalId: '42', userHash: userHash.toUpperCase() }, SECRET)).toMatchObject({ kind: 'signed' });
  });

  it('signs the email exactly as sent when there is no externalId', () => {
    const userHash = userHashOf(SECRET, 'Ann@Example.com');
    expect(verifyIdentity({ email: 'Ann@Example.com', userHash }, SECRET)).toEqual({
      kind: 'signed',
      identity: { email: 'Ann@Example.com' },
    });
    expect(verifyIdentity({ email: 'ann@example.com', userHash }, SECRET)).toMatchObject({ kind: 'refused' });
  });

  it('refuses a hash of another id, of another secret, of the wrong length, or with nothing to sign', () => {
    expect(verifyIdentity({ externalId: '43', userHash: userHashOf(SECRET, '42') }, SECRET)).toMatchObject({
      kind: 'refused',
      reason: expect.stringContaining('externalId'),
    });
    expect(verifyIdentity({ externalId: '42', userHash: userHashOf('other', '42') }, SECRET)).toMatchObject({ kind: 'refused' });
    expect(verifyIdentity({ externalId: '42', userHash: 'abcd' }, SECRET)).toMatchObject({ kind: 'refused' });
    expect(verifyIdentity({ userHash: userHashOf(SECRET, '') }, SECRET)).toMatchObject({ kind: 'refused' });
    expect(verifyIdentity({ externalId: '42', userHash: userHashOf(SECRET, '42') }, null)).toMatchObject({
      kind: 'refused',
      reason: expect.stringContaining('not set up'),
    });
  });
});
