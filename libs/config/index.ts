// Public surface of libs/config: other libs, the apps, scripts and tests import it as @cairn/config.
export * from './app-config';
export * from './config.module';
export * from './crash-point';
export * from './log-format';
export * from './password-hash-cost';
export * from './deliverability-config';
