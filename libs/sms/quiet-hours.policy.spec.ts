import { quietUntil, recipientTimeZone } from './quiet-hours.policy';

const at = (iso: string) => new Date(iso);

describe('SMS quiet hours (21:00-08:00 local)', () => {
  it('lets a text go out during the day', () => {
    expect(quietUntil(at('2026-12-03T07:00:00Z'), 'Europe/Stockholm')).toBeNull(); // 08:00 local
    expect(quietUntil(at('2026-12-03T19:59:59Z'), 'Europe/Stockholm')).toBeNull(); // 20:59:59 local
  });

  it('waits from 21:00 until 08:00 the next morning', () => {
    expect(quietUntil(at('2026-12-03T20:00:00Z'), 'Europe/Stockholm')).toEqual(at('2026-12-04T07:00:00Z'));
    expect(quietUntil(at('2026-12-03T22:30:00Z'), 'Europe/Stockholm')).toEqual(at('2026-12-04T07:00:00Z')); // 23:30
  });

  it('waits after midnight until 08:00 the same morning', () => {
    expect(quietUntil(at('2026-12-04T02:00:00Z'), 'Europe/Stockholm')).toEqual(at('2026-12-04T07:00:00Z'));
    expect(quietUntil(at('2026-12-04T06:59:59Z'), 'Europe/Stockholm')).toEqual(at('2026-12-04T07:00:00Z'));
  });

  it('reads the hour in the zone given, not the server’s', () => {
    // 14:00 UTC is 09:00 in New York (send) and 23:00 in Tokyo (wait until 08:00 Tokyo = 23:00 UTC).
    expect(quietUntil(at('2026-12-03T14:00:00Z'), 'America/New_York')).toBeNull();
    expect(quietUntil(at('2026-12-03T14:00:00Z'), 'Asia/Tokyo')).toEqual(at('2026-12-03T23:00:00Z'));
  });

  it('follows a daylight-saving change in the night', () => {
    // Stockholm moves to summer time at 02:00 on 2027-03-28: 08:00 that morning is 06:00 UTC, not 07:00.
    expect(quietUntil(at('2027-03-27T21:00:00Z'), 'Europe/Stockholm')).toEqual(at('2027-03-28T06:00:00Z'));
  });

  it('takes the person’s time zone when it is a real one, else the workspace’s', () => {
    expect(recipientTimeZone({ timezone: 'Europe/Copenhagen' }, 'UTC')).toBe('Europe/Copenhagen');
    expect(recipientTimeZone({ timezone: 'Mars/Olympus' }, 'Europe/Stockholm')).toBe('Europe/Stockholm');
    expect(recipientTimeZone({}, 'nonsense')).toBe('UTC');
  });
});
