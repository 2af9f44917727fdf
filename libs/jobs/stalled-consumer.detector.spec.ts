import { ConsumerReading, StalledConsumerDetector } from './stalled-consumer.detector';

const reading = (over: Partial<ConsumerReading>): ConsumerReading => ({ due: 0, started: 0, inFlight: 0, concurrency: 10, ...over });

describe('StalledConsumerDetector', () => {
  it('suspects a worker with a free slot that started nothing while jobs were due at two ticks', () => {
    const detector = new StalledConsumerDetector();
    expect(detector.observe(reading({ due: 3, started: 7 }))).toBe(false);
    expect(detector.observe(reading({ due: 5, started: 7 }))).toBe(true);
  });

  it('starts afresh after a verdict: the replacement gets two ticks of its own', () => {
    const detector = new StalledConsumerDetector();
    detector.observe(reading({ due: 3, started: 7 }));
    expect(detector.observe(reading({ due: 3, started: 7 }))).toBe(true);
    expect(detector.observe(reading({ due: 3, started: 0 }))).toBe(false);
    expect(detector.observe(reading({ due: 3, started: 0 }))).toBe(true);
  });

  it('does not suspect a worker that started a job between the ticks', () => {
    const detector = new StalledConsumerDetector();
    detector.observe(reading({ due: 3, started: 7 }));
    expect(detector.observe(reading({ due: 3, started: 8 }))).toBe(false);
  });

  it('does not suspect a full worker: its jobs wait for a slot, not for it', () => {
    const detector = new StalledConsumerDetector();
    detector.observe(reading({ due: 3, started: 7, inFlight: 10 }));
    expect(detector.observe(reading({ due: 3, started: 7, inFlight: 10 }))).toBe(false);
    expect(detector.observe(reading({ due: 3, started: 7, inFlight: 9 }))).toBe(false);
    expect(detector.observe(reading({ due: 3, started: 7, inFlight: 9 }))).toBe(true);
  });

  it('does not suspect an idle worker on an empty queue, nor one whose queue emptied in between', () => {
    const detector = new StalledConsumerDetector();
    detector.observe(reading({ due: 0 }));
    expect(detector.observe(reading({ due: 0 }))).toBe(false);
    expect(detector.observe(reading({ due: 4 }))).toBe(false);
    expect(detector.observe(reading({ due: 0 }))).toBe(false);
    expect(detector.observe(reading({ due: 4 }))).toBe(false);
  });
});
