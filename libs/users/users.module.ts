import { Module, OnModuleInit } from '@nestjs/common';
import { AuthGuard } from '@cairn/auth';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { SessionRepository } from './session.repository';
import { SessionRequest, SessionService } from './session.service';
import { UserBootstrapService } from './user-bootstrap.service';
import { UserRepository } from './user.repository';
import { UserService } from './user.service';

@Module({
  providers: [PasswordHasher, UserRepository, SessionRepository, LoginThrottle, SessionService, UserService, UserBootstrapService],
  exports: [SessionService, UserService, UserBootstrapService],
})
export class UsersModule implements OnModuleInit {
  constructor(
    private readonly guard: AuthGuard,
    private readonly sessions: SessionService,
  ) {}

  /** The dashboard calls the same /api/v1 endpoints as scripts do, with its session cookie instead of a key. */
  onModuleInit(): void {
    this.guard.useSessionResolver((request) => this.sessions.resolve(request as unknown as SessionRequest));
  }
}
