import { randomBytes } from 'node:crypto';

export interface EventLoadOptions {
  /** API base URLs, used in turn; a refused or failed request moves on to the next. */
  apis: () => string[];
  apiKey: string;
  type: string;
  perSecond: number;
  /** Requests open at once; beyond it the stream waits rather than piling up on a slow API. Default 20. */
  maxInFlight?: number;
  /** Recipient for the n-th event; defaults to a fresh address each time. */
  email?: (n: number) => string;
}

/**
 * A steady stream of POST /api/v1/events against real API processes, as an
 * outside system would send them: each event carries an idempotency key and
 * is retried (same key) until some API accepts it, so an outage delays events
 * but loses none. Only 202 answers count as accepted.
 */
export class EventLoad {
  /** eventId → invitation ids, for every event accepted with 202. */
  readonly accepted = new Map<string, string[]>();
  /** Answers other than 202 (and network errors as "network"), by status. */
  readonly refused = new Map<string, number>();
  private sent = 0;
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: EventLoadOptions) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  /** Stops issuing new events and waits until every started one was accepted. */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    await Promise.all(this.inFlight);
  }

  get invitationIds(): string[] {
    return [...this.accepted.values()].flat();
  }

  private async run(): Promise<void> {
    const started = Date.now();
    while (this.running) {
      const due = Math.floor(((Date.now() - started) / 1000) * this.options.perSecond);
      while (this.sent < due && this.inFlight.size < (this.options.maxInFlight ?? 20)) {
        const n = this.sent++;
        const pending = this.deliver(n).finally(() => this.inFlight.delete(pending));
        this.inFlight.add(pending);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async deliver(n: number): Promise<void> {
    const email = this.options.email?.(n) ?? `load-${n}-${randomBytes(4).toString('hex')}@example.com`;
    const body = JSON.stringify({ type: this.options.type, person: { email }, idempotencyKey: `load-${randomBytes(8).toString('hex')}` });
    for (let attempt = 0; ; attempt++) {
      const apis = this.options.apis();
      const url = apis[(n + attempt) % apis.length];
      const status = await fetch(`${url}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.options.apiKey}`, 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(10_000),
      }).then(
        async (res) => {
          if (res.status !== 202) return String(res.status);
          const answer = (await res.json()) as { eventId: string; invitations: Array<{ id: string }> };
          this.accepted.set(
            answer.eventId,
            answer.invitations.map((i) => i.id),
          );
          return 'accepted';
        },
        (error: Error & { cause?: { code?: string } }) => `network ${error.cause?.code ?? error.name}`,
      );
      if (status === 'accepted') return;
      this.refused.set(status, (this.refused.get(status) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 100 * 2 ** attempt)));
    }
  }
}
