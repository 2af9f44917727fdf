import { Injectable } from '@nestjs/common';
import type { Limit } from '@cairn/rate-limit';

/** Where a touchpoint's public page was answered: a phone that scanned the QR code, or the kiosk tablet. */
export type PageSource = 'qr' | 'kiosk';
/** The limit that refused an answer; blocked answers are counted under it. */
export type LimitReason = 'device' | 'ip' | 'touchpoint';
export const LIMIT_REASONS: LimitReason[] = ['device', 'ip', 'touchpoint'];

export type AnswerLimits = Record<LimitReason, Limit>;

const MINUTE = 60;
const HOUR = 60 * MINUTE;

// A phone answers a poster once or twice; a kiosk tablet is one device answered by everyone leaving the shop, so
// its device limit is per minute (the page resets a few seconds after each answer) while a phone's is per hour.
// The address limit catches a device that wipes its id; a shop's kiosks share one address. The touchpoint limit
// caps what any number of devices can add to one touchpoint's score in an hour.
const DEFAULTS: Record<PageSource, AnswerLimits> = {
  qr: {
    device: { limit: 3, windowSeconds: HOUR },
    ip: { limit: 30, windowSeconds: HOUR },
    touchpoint: { limit: 600, windowSeconds: HOUR },
  },
  kiosk: {
    device: { limit: 4, windowSeconds: MINUTE },
    ip: { limit: 20, windowSeconds: MINUTE },
    touchpoint: { limit: 1200, windowSeconds: HOUR },
  },
};

/** The limits in force on QR and kiosk answers; tests replace them with override(). */
@Injectable()
export class AnswerLimitsPolicy {
  private readonly limits = new Map<PageSource, AnswerLimits>(Object.entries(DEFAULTS) as [PageSource, AnswerLimits][]);

  get(source: PageSource): AnswerLimits {
    return this.limits.get(source)!;
  }

  override(source: PageSource, limits: AnswerLimits): void {
    this.limits.set(source, limits);
  }

  reset(): void {
    for (const [source, limits] of Object.entries(DEFAULTS)) this.limits.set(source as PageSource, limits);
  }
}

/** The first limit over its count, in the order device, ip, touchpoint (the most specific names the culprit). */
export function firstExceeded(waits: Record<LimitReason, number>): { reason: LimitReason; waitSeconds: number } | null {
  const reason = LIMIT_REASONS.find((r) => waits[r] > 0);
  return reason ? { reason, waitSeconds: waits[reason] } : null;
}

/** A device id the page keeps (localStorage or its cookie): opaque, 8–64 URL-safe characters, else none. */
export function deviceIdOf(...candidates: unknown[]): string | null {
  for (const value of candidates) if (typeof value === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(value)) return value;
  return null;
}
