import { AnswerLimitsPolicy, deviceIdOf, firstExceeded } from './answer-limits.policy';

describe('answer limits of the public touchpoint page', () => {
  it('names the most specific limit that refused: device, then address, then touchpoint', () => {
    expect(firstExceeded({ device: 0, ip: 0, touchpoint: 0 })).toBeNull();
    expect(firstExceeded({ device: 0, ip: 12, touchpoint: 40 })).toEqual({ reason: 'ip', waitSeconds: 12 });
    expect(firstExceeded({ device: 3, ip: 12, touchpoint: 40 })).toEqual({ reason: 'device', waitSeconds: 3 });
    expect(firstExceeded({ device: 0, ip: 0, touchpoint: 1 })).toEqual({ reason: 'touchpoint', waitSeconds: 1 });
  });

  it('takes the first well-formed device id, refusing what could smuggle anything into a key', () => {
    expect(deviceIdOf(undefined, 'abc', 'tablet-01')).toBe('tablet-01');
    expect(deviceIdOf('a b c d e f g h', 42, null)).toBeNull();
    expect(deviceIdOf('x'.repeat(65))).toBeNull();
    expect(deviceIdOf('0b6f2c1e-5d7a-4c43-9a53-4e1a3b7e9f10')).toBe('0b6f2c1e-5d7a-4c43-9a53-4e1a3b7e9f10');
  });

  it('limits a kiosk tablet per minute and a phone per hour, and override() is undone by reset()', () => {
    const policy = new AnswerLimitsPolicy();
    expect(policy.get('kiosk').device.windowSeconds).toBe(60);
    expect(policy.get('qr').device.windowSeconds).toBe(3600);
    const tight = {
      device: { limit: 1, windowSeconds: 1 },
      ip: { limit: 1, windowSeconds: 1 },
      touchpoint: { limit: 1, windowSeconds: 1 },
    };
    policy.override('qr', tight);
    expect(policy.get('qr')).toBe(tight);
    policy.reset();
    expect(policy.get('qr').device.limit).toBe(3);
  });
});
