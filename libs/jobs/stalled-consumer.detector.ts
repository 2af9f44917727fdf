/** What one watch tick sees of a queue and of this process's BullMQ worker on it. */
export interface ConsumerReading {
  /** Jobs the queue could hand out now: waiting, prioritized, or delayed past their time. */
  due: number;
  /** Jobs this worker has started since it was made (a count that only grows). */
  started: number;
  /** Jobs this worker runs now, and how many it may run at once. */
  inFlight: number;
  concurrency: number;
}

/**
 * Tells when a BullMQ worker has stopped taking jobs although it is open: after a Redis Cluster failover its
 * blocking connection can stay in ioredis' `reconnecting` for good while every other connection recovers
 * (bullmq#4138, #4656), and the queue then grows while the process looks healthy. The sign is behaviour, not
 * a connection's state: at two ticks in a row jobs were due and the worker had a free slot, and between them it
 * started none. A healthy worker takes a due job within milliseconds; a full one is not suspected.
 */
export class StalledConsumerDetector {
  private previous: ConsumerReading | null = null;

  /** True when the worker should be replaced; the detector then starts afresh. */
  observe(reading: ConsumerReading): boolean {
    const previous = this.previous;
    this.previous = reading;
    if (!previous || !idleWithWork(previous) || !idleWithWork(reading)) return false;
    if (reading.started !== previous.started) return false;
    this.previous = null;
    return true;
  }
}

function idleWithWork(reading: ConsumerReading): boolean {
  return reading.due > 0 && reading.inFlight < reading.concurrency;
}
