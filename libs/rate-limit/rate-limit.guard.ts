import { CanActivate, ExecutionContext, HttpException, HttpStatus, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sha256Hex } from '@cairn/common';
import { RateLimitName, RateLimitPolicy } from './rate-limit.policy';
import { Counter, RateLimitRepository } from './rate-limit.repository';

const RATE_LIMIT = 'cairn:rate-limit';

/** Rate limits a public route by client IP and by its subject (the :token param or the workspace key). */
export const RateLimit = (name: RateLimitName) => SetMetadata(RATE_LIMIT, name);

@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly policy: RateLimitPolicy,
    private readonly counters: RateLimitRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const name = this.reflector.getAllAndOverride<RateLimitName | undefined>(RATE_LIMIT, [context.getHandler(), context.getClass()]);
    if (!name) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const rule = this.policy.get(name);
    const counters: Counter[] = [];
    if (rule.ip) counters.push({ key: ['rl', name, 'ip', request.ip], limit: rule.ip });
    const subject = subjectOf(request);
    // Hashed: a token in a Redis key would be a usable credential for anyone reading Redis.
    if (rule.subject && subject) counters.push({ key: ['rl', name, 's', sha256Hex(subject).slice(0, 32)], limit: rule.subject });
    const wait = await this.counters.hit(counters);
    if (wait === 0) return true;
    context.switchToHttp().getResponse<FastifyReply>().header('Retry-After', String(wait));
    throw new HttpException(`Too many requests, retry in ${wait} s`, HttpStatus.TOO_MANY_REQUESTS);
  }
}

function subjectOf(request: FastifyRequest): string | undefined {
  const params = request.params as Record<string, unknown> | undefined;
  if (typeof params?.token === 'string') return params.token;
  const body = request.body as Record<string, unknown> | undefined;
  const query = request.query as Record<string, unknown> | undefined;
  const key = body?.workspaceKey ?? query?.workspaceKey;
  return typeof key === 'string' ? key : undefined;
}
