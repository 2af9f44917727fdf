import { Global, Module } from '@nestjs/common';
import { ApiKeyRepository } from './api-key.repository';
import { ApiKeyService } from './api-key.service';
import { AuthGuard, SessionResolverSlot } from './auth.guard';

@Global()
@Module({
  providers: [ApiKeyRepository, ApiKeyService, AuthGuard, SessionResolverSlot],
  exports: [ApiKeyRepository, ApiKeyService, AuthGuard, SessionResolverSlot],
})
export class AuthModule {}
