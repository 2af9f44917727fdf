import { Global, Module } from '@nestjs/common';
import { ApiKeyRepository } from './api-key.repository';
import { ApiKeyService } from './api-key.service';
import { AuthGuard } from './auth.guard';

@Global()
@Module({
  providers: [ApiKeyRepository, ApiKeyService, AuthGuard],
  exports: [ApiKeyRepository, ApiKeyService, AuthGuard],
})
export class AuthModule {}
