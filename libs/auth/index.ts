// Public surface of libs/auth: other libs, the apps, scripts and tests import it as @cairn/auth.
export * from './api-key.repository';
export * from './api-key.response';
export * from './api-key.service';
export * from './auth-context';
export * from './auth.guard';
export * from './auth.module';
