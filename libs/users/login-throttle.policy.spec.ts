import { addressKey, LOGIN_LIMITS, loginKeys } from './login-throttle.policy';

describe('login throttle policy', () => {
  it('counts IPv4 clients by address, also when written as IPv4-mapped IPv6', () => {
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
  });

  it('counts IPv6 clients by their /64, however the address is written', () => {
    const a = addressKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd');
    expect(a).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0DB8:0001:0002::1')).toBe(a);
    expect(addressKey('2001:db8:1:2::ffff:1.2.3.4')).toBe(a);
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('2001:db8:1:3::1')).not.toBe(a);
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });

  it('keeps email addresses out of Redis keys and separates every account and address', () => {
    const keys = loginKeys('203.0.113.9', 'admin@localhost');
    expect(JSON.stringify(keys)).not.toContain('admin@localhost');
    const other = loginKeys('203.0.113.9', 'ana@example.com');
    expect(other.address).toEqual(keys.address);
    expect(other.addressAndEmail).not.toEqual(keys.addressAndEmail);
    expect(other.email).not.toEqual(keys.email);
    expect(loginKeys('198.51.100.7', 'admin@localhost').email).toEqual(keys.email);
    expect(loginKeys('198.51.100.7', 'admin@localhost').addressAndEmail).not.toEqual(keys.addressAndEmail);
  });

  it('locks a guesser out of one account long before an account-wide cap could bite', () => {
    const { perAddress, perAddressAndEmail, perEmail } = LOGIN_LIMITS;
    expect(perAddressAndEmail.limit).toBeLessThan(perAddress.limit);
    // The account-wide cap needs many addresses acting together.
    expect(perEmail.limit / perAddressAndEmail.limit).toBeGreaterThanOrEqual(50);
  });
});
