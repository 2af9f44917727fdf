import type { CaughtMail } from '../utils/smtp-sink';

/**
 * Customers answering survey emails: every `answerEvery`-th mail that arrives
 * is answered with POST /r/:token (the score buttons' target), scores cycling
 * 0..10 so most answers are detractors (alerts, cases, webhooks). An answer is
 * retried until an API stores it (2xx); a repeat within the edit window is an
 * update, so retries cannot make a second response.
 */
export class AnswerLoad {
  /** invitation id → the score it was answered with (2xx received). */
  readonly answered = new Map<string, number>();
  readonly refused = new Map<string, number>();
  private seen = 0;
  private count = 0;
  private running = false;
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly mails: CaughtMail[],
    private readonly apis: () => string[],
    private readonly answerEvery = 2,
  ) {}

  start(): void {
    this.running = true;
    this.timer = setInterval(() => this.pick(), 100);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    while (this.inFlight.size) await Promise.all(this.inFlight);
  }

  private pick(): void {
    while (this.running && this.seen < this.mails.length) {
      const mail = this.mails[this.seen++];
      const token = /\/r\/([A-Za-z0-9_-]+)\?score=/.exec(mail.text)?.[1];
      const invitationId = /^<(.+)@/.exec(mail.messageId ?? '')?.[1];
      if (!token || !invitationId || this.seen % this.answerEvery !== 0) continue;
      const score = this.count++ % 11;
      const pending = this.answer(invitationId, token, score).finally(() => this.inFlight.delete(pending));
      this.inFlight.add(pending);
    }
  }

  private async answer(invitationId: string, token: string, score: number): Promise<void> {
    const from = `10.${this.count % 250}.${Math.floor(this.count / 250) % 250}.${1 + (this.count % 200)}`;
    for (let attempt = 0; ; attempt++) {
      const apis = this.apis();
      const url = apis[attempt % apis.length];
      const status = await fetch(`${url}/r/${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
        body: JSON.stringify({ score }),
        signal: AbortSignal.timeout(10_000),
      }).then(
        (res) => (res.ok ? 'stored' : String(res.status)),
        (error: Error & { cause?: { code?: string } }) => `network ${error.cause?.code ?? error.name}`,
      );
      if (status === 'stored') return void this.answered.set(invitationId, score);
      this.refused.set(status, (this.refused.get(status) ?? 0) + 1);
      if (/^4(?!29)/.test(status)) return; // refused for good: counted, not retried
      await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 100 * 2 ** attempt)));
    }
  }
}
