import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { UserRole } from '@cairn/database';

/** Who is calling: resolved once per request by the AuthGuard. */
export interface AuthContext {
  workspaceId: string;
  role: UserRole;
  /** "api-key:<id>" or "user:<id>": who did it, for case notes and logs. */
  actor: string;
  actorName: string;
}

export interface AuthenticatedRequest {
  auth?: AuthContext;
  headers: Record<string, string | string[] | undefined>;
}

export const Auth = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  return request.auth!;
});
