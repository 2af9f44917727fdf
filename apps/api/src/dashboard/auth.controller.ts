import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import {
  LoginThrottledException,
  clearedSessionCookie,
  readSessionCookie,
  SESSION_TTL_MS,
  sessionCookie,
  LoginDto,
  SessionRequest,
  SessionService,
} from '@cairn/users';

/** Dashboard sign-in: an HTTP-only session cookie; the JSON answer carries the CSRF token for unsafe calls. Browser-only: not in /docs. */
@ApiExcludeController()
@ApiTags('dashboard session')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionService,
  ) {}

  @Post('login')
  @HttpCode(200)
  async login(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @Body() dto: LoginDto) {
    const { token, session } = await this.sessions.login(request as unknown as SessionRequest, dto.email, dto.password).catch((error) => {
      if (error instanceof LoginThrottledException) reply.header('Retry-After', String(error.retryAfterSeconds));
      throw error;
    });
    reply.header('set-cookie', sessionCookie(token, this.secure(request), SESSION_TTL_MS / 1000));
    return session;
  }

  @Get('session')
  async current(@Req() request: FastifyRequest) {
    const session = await this.sessions.current(request as unknown as SessionRequest);
    if (!session) throw new UnauthorizedException('Not signed in');
    return session;
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const token = readSessionCookie(request.headers.cookie);
    if (token) {
      this.sessions.assertCsrf(request as unknown as SessionRequest, token);
      await this.sessions.logout(token);
    }
    reply.header('set-cookie', clearedSessionCookie(this.secure(request)));
  }

  /**
   * Secure whenever the site is public over HTTPS: a TLS-terminating proxy that
   * forgets X-Forwarded-Proto must not make the cookie travel in clear text.
   */
  private secure(request: FastifyRequest): boolean {
    return request.protocol === 'https' || this.config.publicBaseUrl.startsWith('https:');
  }
}
