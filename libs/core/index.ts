// Public surface of libs/core: other libs, the apps, scripts and tests import it as @cairn/core.
export * from './core.module';
