import { CanActivate, ExecutionContext, ForbiddenException, Injectable, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { UserRole } from '@cairn/database';
import { ApiKeyService } from './api-key.service';
import { AuthenticatedRequest } from './auth-context';

export const MIN_ROLE = 'cairn:min-role';
const RANK: Record<UserRole, number> = { viewer: 0, manager: 1, admin: 2 };

/** The least role a route needs; GET routes default to viewer, others to manager. */
export const RequireRole = (role: UserRole) => SetMetadata(MIN_ROLE, role);

export type SessionResolver = (request: AuthenticatedRequest) => Promise<AuthenticatedRequest['auth'] | null>;

/** One per app: Nest builds a separate AuthGuard for every module that uses it, so the resolver lives here. */
@Injectable()
export class SessionResolverSlot {
  resolver: SessionResolver | null = null;
}

/** Bearer API key (or HTTP Basic with the key as user name, as Delighted's clients send it). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly apiKeys: ApiKeyService,
    private readonly reflector: Reflector,
    private readonly slot: SessionResolverSlot,
  ) {}

  /** The dashboard plugs its cookie sessions in here. */
  useSessionResolver(resolver: SessionResolver): void {
    this.slot.resolver = resolver;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { method: string }>();
    request.auth = (await this.authenticate(request)) ?? undefined;
    if (!request.auth) throw new UnauthorizedException('A valid API key is required (Authorization: Bearer <key>)');
    const required =
      this.reflector.getAllAndOverride<UserRole | undefined>(MIN_ROLE, [context.getHandler(), context.getClass()]) ??
      (['GET', 'HEAD'].includes(request.method) ? 'viewer' : 'manager');
    if (RANK[request.auth.role] < RANK[required]) {
      throw new ForbiddenException(`This action needs the ${required} role`);
    }
    return true;
  }

  /** Who the request comes from (API key first, then a dashboard session), or null. */
  async authenticate(request: AuthenticatedRequest) {
    return (await this.fromKey(request)) ?? (await this.slot.resolver?.(request)) ?? null;
  }

  private async fromKey(request: AuthenticatedRequest) {
    const header = request.headers.authorization;
    if (typeof header !== 'string') return null;
    const [scheme, value] = header.split(' ', 2);
    let key: string | undefined;
    if (scheme?.toLowerCase() === 'bearer') key = value?.trim();
    if (scheme?.toLowerCase() === 'basic' && value) key = Buffer.from(value, 'base64').toString('utf8').split(':')[0];
    if (!key) return null;
    const row = await this.apiKeys.verify(key);
    if (!row) throw new UnauthorizedException('Invalid API key');
    return { workspaceId: row.workspaceId, role: row.role, actor: `api-key:${row.id}`, actorName: row.name };
  }
}
