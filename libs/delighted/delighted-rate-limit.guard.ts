import { CanActivate, ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '@cairn/auth';
import { Limit, RateLimitRepository } from '@cairn/rate-limit';

/** Requests per workspace to the Delighted-compatible API; override() is for tests and benchmarks. */
@Injectable()
export class DelightedRateLimit {
  static readonly DEFAULT: Limit = { limit: 1200, windowSeconds: 60 };
  current: Limit = DelightedRateLimit.DEFAULT;

  override(limit: Limit): void {
    this.current = limit;
  }

  reset(): void {
    this.current = DelightedRateLimit.DEFAULT;
  }
}

/**
 * Runs after the AuthGuard (it counts per workspace). Over the limit: 429
 * with Retry-After in seconds, which Delighted's clients read to back off.
 */
@Injectable()
export class DelightedRateLimitGuard implements CanActivate {
  constructor(
    private readonly limits: DelightedRateLimit,
    private readonly counters: RateLimitRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const workspaceId = request.auth?.workspaceId;
    if (!workspaceId) return true;
    const wait = await this.counters.hit([{ key: ['rl', 'delighted', workspaceId], limit: this.limits.current }]);
    if (wait === 0) return true;
    context.switchToHttp().getResponse<FastifyReply>().header('Retry-After', String(wait));
    throw new HttpException(`Too many requests, retry in ${wait} s`, HttpStatus.TOO_MANY_REQUESTS);
  }
}
