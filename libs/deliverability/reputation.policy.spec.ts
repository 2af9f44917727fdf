import { pauseReason, softBounceSuppresses } from './reputation.policy';

const LIMITS = { bounceRate: 0.1, complaintRate: 0.001, minSent: 50 };

describe('pauseReason', () => {
  it('pauses above 10 % bounces in 24 h, not at exactly 10 %', () => {
    expect(pauseReason({ sent: 50, bounced: 5, complained: 0 }, LIMITS)).toBeNull();
    expect(pauseReason({ sent: 50, bounced: 6, complained: 0 }, LIMITS)).toBe('bounce rate 12.0 % over 24 h (6 of 50 sent)');
  });

  it('needs at least 50 sent', () => {
    expect(pauseReason({ sent: 49, bounced: 49, complained: 49 }, LIMITS)).toBeNull();
  });

  it('pauses above 0.1 % complaints', () => {
    expect(pauseReason({ sent: 1000, bounced: 0, complained: 1 }, LIMITS)).toBeNull();
    expect(pauseReason({ sent: 1000, bounced: 0, complained: 2 }, LIMITS)).toBe('complaint rate 0.20 % over 24 h (2 of 1000 sent)');
  });

  it('after a resume within the 24 h, says its counts start at the resume', () => {
    const resumedAt = new Date('2026-12-03T09:41:27.512Z');
    expect(pauseReason({ sent: 50, bounced: 6, complained: 0 }, LIMITS, resumedAt)).toBe(
      'bounce rate 12.0 % since sending resumed at 2026-12-03 09:41 UTC (6 of 50 sent)',
    );
    expect(pauseReason({ sent: 50, bounced: 0, complained: 1 }, LIMITS, resumedAt)).toBe(
      'complaint rate 2.0 % since sending resumed at 2026-12-03 09:41 UTC (1 of 50 sent)',
    );
  });
});

describe('softBounceSuppresses', () => {
  const at = (hours: number) => new Date(Date.UTC(2026, 0, 1) + hours * 3_600_000);
  it('suppresses after the limit of soft bounces spread over a day or more', () => {
    expect(softBounceSuppresses({ count: 3, first: at(0), last: at(24) }, 3)).toBe(true);
    expect(softBounceSuppresses({ count: 3, first: at(0), last: at(23) }, 3)).toBe(false);
    expect(softBounceSuppresses({ count: 2, first: at(0), last: at(72) }, 3)).toBe(false);
  });
});
