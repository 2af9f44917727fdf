import { Injectable } from '@nestjs/common';

export interface Limit {
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
}

/** Limits of one kind of public request: per client IP and per subject (a token or a workspace key). */
export interface RateLimitRule {
  ip?: Limit;
  subject?: Limit;
}

export type RateLimitName = 'answer-page' | 'answer-submit' | 'unsubscribe' | 'public-api' | 'widget' | 'sms-hook' | 'provider-hooks';

const MINUTE = 60;

// Sized for people, not scripts: a mail scanner opens ~25 links of one email
// at once (must still get pages), a person answers and edits a few times, and
// an office behind one NAT address may answer a survey together.
const DEFAULTS: Record<RateLimitName, RateLimitRule> = {
  'answer-page': { ip: { limit: 600, windowSeconds: MINUTE }, subject: { limit: 60, windowSeconds: MINUTE } },
  'answer-submit': { ip: { limit: 120, windowSeconds: MINUTE }, subject: { limit: 20, windowSeconds: MINUTE } },
  unsubscribe: { ip: { limit: 60, windowSeconds: MINUTE }, subject: { limit: 10, windowSeconds: MINUTE } },
  'public-api': { ip: { limit: 60, windowSeconds: MINUTE }, subject: { limit: 6000, windowSeconds: MINUTE } },
  widget: { ip: { limit: 600, windowSeconds: MINUTE } },
  // The SMS provider's callbacks come from its few addresses: a burst of replies and delivery reports must pass.
  'sms-hook': { ip: { limit: 1200, windowSeconds: MINUTE } },
  // Providers post one event per bounce or complaint, in bursts after a campaign.
  'provider-hooks': { ip: { limit: 1200, windowSeconds: MINUTE } },
};

/** The limits in force; tests and the benchmark replace a rule with override(). */
@Injectable()
export class RateLimitPolicy {
  private readonly rules = new Map<RateLimitName, RateLimitRule>(Object.entries(DEFAULTS) as [RateLimitName, RateLimitRule][]);

  get(name: RateLimitName): RateLimitRule {
    return this.rules.get(name)!;
  }

  override(name: RateLimitName, rule: RateLimitRule): void {
    this.rules.set(name, rule);
  }

  reset(): void {
    for (const [name, rule] of Object.entries(DEFAULTS)) this.rules.set(name as RateLimitName, rule);
  }
}
