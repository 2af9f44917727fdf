import { jobRun } from './job.repository';

describe('jobRun', () => {
  it('knows the try and whether it is the last from BullMQ counters (attemptsMade counts failed tries)', () => {
    expect(jobRun({ id: 'a', attemptsMade: 0, opts: { attempts: 8 } })).toEqual({ id: 'a', attempt: 1, isLastAttempt: false });
    expect(jobRun({ id: 'a', attemptsMade: 6, opts: { attempts: 8 } })).toEqual({ id: 'a', attempt: 7, isLastAttempt: false });
    expect(jobRun({ id: 'a', attemptsMade: 7, opts: { attempts: 8 } })).toEqual({ id: 'a', attempt: 8, isLastAttempt: true });
    // Without attempts BullMQ tries once.
    expect(jobRun({ id: undefined, attemptsMade: 0, opts: {} })).toEqual({ id: '', attempt: 1, isLastAttempt: true });
  });
});
