import { delightedGroupOf, sourcesOfGroups } from './delighted-groups';

describe("Delighted's metric groups from response sources", () => {
  it('maps each source Cairn has to its Delighted group, or to none', () => {
    expect(delightedGroupOf('email')).toBe('email');
    expect(delightedGroupOf('web')).toBe('web');
    expect(delightedGroupOf('app')).toBe('web');
    expect(delightedGroupOf('api')).toBeNull();
    expect(delightedGroupOf('import')).toBeNull();
    expect(delightedGroupOf('sms')).toBe('sms');
    expect(delightedGroupOf('kiosk')).toBe('kiosk');
    expect(delightedGroupOf('qr')).toBe('link');
  });

  it('turns groups into the sources to count', () => {
    expect(sourcesOfGroups(['email'])).toEqual(['email']);
    expect(sourcesOfGroups(['web', 'email']).sort()).toEqual(['app', 'email', 'web']);
    expect(sourcesOfGroups(['sms', 'kiosk', 'link']).sort()).toEqual(['kiosk', 'qr', 'sms']);
  });
});
