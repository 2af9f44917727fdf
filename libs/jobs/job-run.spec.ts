import { jobRun } from './job.repository';

describe('jobRun', () => {
  it('knows the last try from BullMQ counters (attemptsMade counts failed tries)', () => {
    expect(jobRun({ attemptsMade: 0, opts: { attempts: 8 } })).toEqual({ isLastAttempt: false });
    expect(jobRun({ attemptsMade: 6, opts: { attempts: 8 } })).toEqual({ isLastAttempt: false });
    expect(jobRun({ attemptsMade: 7, opts: { attempts: 8 } })).toEqual({ isLastAttempt: true });
    // Without attempts BullMQ tries once.
    expect(jobRun({ attemptsMade: 0, opts: {} })).toEqual({ isLastAttempt: true });
  });
});
