import { ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { AuthContext } from '@cairn/auth';
import { Clock, normalizeEmail, sha256Hex } from '@cairn/common';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import type { User } from '@cairn/database';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { SessionRepository } from './session.repository';
import {
  CSRF_HEADER,
  csrfTokenFor,
  csrfTokenMatches,
  isUnsafeMethod,
  newSessionToken,
  originAllowed,
  readSessionCookie,
  SESSION_TTL_MS,
} from './session-cookie';
import { toUserDto } from './user.mapper';
import { UserRepository } from './user.repository';

/** What the session resolver needs from a request (a FastifyRequest fits). */
export interface SessionRequest {
  method: string;
  ip: string;
  headers: Record<string, string | string[] | undefined>;
}

@Injectable()
export class SessionService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly clock: Clock,
  ) {}

  async login(request: SessionRequest, emailInput: string, password: string) {
    // Login CSRF: another site must not log a browser into an account of its choosing.
    if (!originAllowed(request.headers.origin, request.headers.host, this.config.publicBaseUrl)) {
      throw new ForbiddenException('Cross-site login refused');
    }
    const email = normalizeEmail(emailInput);
    // Counted before the password check, so a parallel burst cannot get past the limit.
    await this.throttle.attempt(request.ip, email);
    const user = await this.matchPassword(email, password);
    if (!user) throw new UnauthorizedException('Email or password is wrong');
    await this.throttle.succeeded(request.ip, email);
    const now = this.clock.now();
    const { token, tokenHash } = newSessionToken();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    await this.sessions.deleteExpired(user.id, now);
    await this.sessions.create(user.id, tokenHash, expiresAt);
    return { token, expiresAt, session: this.describe(user, token) };
  }

  async logout(token: string | undefined): Promise<void> {
    if (token) await this.sessions.deleteByHash(sha256Hex(token));
  }

  /** The signed-in user and the CSRF token the page must echo, or null. */
  async current(request: SessionRequest) {
    const found = await this.lookup(request);
    return found && this.describe(found.user, found.token);
  }

  /** Plugged into the AuthGuard: cookie sessions for /api/v1, with CSRF checks on unsafe methods. */
  async resolve(request: SessionRequest): Promise<AuthContext | null> {
    const found = await this.lookup(request);
    if (!found) return null;
    if (isUnsafeMethod(request.method)) this.assertCsrf(request, found.token);
    const { user } = found;
    return { workspaceId: user.workspaceId, role: user.role, actor: `user:${user.id}`, actorName: user.name ?? user.email };
  }

  assertCsrf(request: SessionRequest, token: string): void {
    const sameOrigin = originAllowed(request.headers.origin, request.headers.host, this.config.publicBaseUrl);
    if (!sameOrigin || !csrfTokenMatches(token, request.headers[CSRF_HEADER])) {
      throw new ForbiddenException(`Missing or invalid CSRF token (send the ${CSRF_HEADER} header)`);
    }
  }

  private async lookup(request: SessionRequest): Promise<{ token: string; user: User } | null> {
    const token = readSessionCookie(request.headers.cookie);
    if (!token) return null;
    const row = await this.sessions.findValid(sha256Hex(token), this.clock.now());
    return row && { token, user: row.user };
  }

  private describe(user: User, token: string) {
    return { user: toUserDto(user), workspaceId: user.workspaceId, csrfToken: csrfTokenFor(token) };
  }

  private async matchPassword(email: string, password: string): Promise<User | null> {
    const candidates = await this.users.findActiveByEmail(email);
    if (!candidates.length) {
      await this.hasher.verify(null, password);
      return null;
    }
    for (const user of candidates) if (await this.hasher.verify(user.passwordHash, password)) return user;
    return null;
  }
}
