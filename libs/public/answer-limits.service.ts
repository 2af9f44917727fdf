import { Injectable } from '@nestjs/common';
import { Clock, sha256Hex } from '@cairn/common';
import { RateLimitRepository } from '@cairn/rate-limit';
import { AnswerLimitsPolicy, firstExceeded, LIMIT_REASONS, LimitReason, PageSource } from './answer-limits.policy';
import { TouchpointPageRepository } from './touchpoint-page.repository';

export interface AnswerAttempt {
  workspaceId: string;
  touchpointId: string;
  source: PageSource;
  /** The page's device id; without one only the address and the touchpoint limits apply. */
  deviceId: string | null;
  ip: string;
}

export type LimitVerdict = { allowed: true } | { allowed: false; reason: LimitReason; waitSeconds: number };

/**
 * Stops one device from stuffing a touchpoint's ballot: every QR or kiosk answer counts against its device, its
 * address and its touchpoint (Redis counters shared by every API process). An answer over a limit is refused and
 * counted in touchpoint_answer_blocks under that limit, never silently dropped.
 */
@Injectable()
export class AnswerLimitsService {
  constructor(
    private readonly policy: AnswerLimitsPolicy,
    private readonly counters: RateLimitRepository,
    private readonly pages: TouchpointPageRepository,
    private readonly clock: Clock,
  ) {}

  async check(attempt: AnswerAttempt): Promise<LimitVerdict> {
    const limits = this.policy.get(attempt.source);
    // Hashed: neither an address nor a device id is kept readable in Redis.
    const subjects: Record<LimitReason, string | null> = {
      device: attempt.deviceId && sha256Hex(attempt.deviceId).slice(0, 32),
      ip: sha256Hex(attempt.ip).slice(0, 32),
      touchpoint: attempt.touchpointId,
    };
    const waits = Object.fromEntries(
      await Promise.all(
        LIMIT_REASONS.map(async (reason) => {
          const subject = subjects[reason];
          if (!subject) return [reason, 0] as const;
          const key = ['tp-answer', attempt.source, reason, attempt.touchpointId, subject];
          return [reason, await this.counters.hit([{ key, limit: limits[reason] }])] as const;
        }),
      ),
    ) as Record<LimitReason, number>;
    const over = firstExceeded(waits);
    if (!over) return { allowed: true };
    await this.pages.countBlocked({ ...attempt, reason: over.reason, at: this.clock.now() });
    return { allowed: false, ...over };
  }
}
