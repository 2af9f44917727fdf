// Public surface of libs/common: other libs, the apps, scripts and tests import it as @cairn/common.
export * from './clock';
export * from './crypto.util';
export * from './cursor-page.dto';
export * from './error.response';
export * from './http-error.filter';
export * from './input-safety.hook';
export * from './instant';
export * from './localized-text.validator';
export * from './query-param';
export * from './reason-phrase';
export * from './safe-keys';
export * from './scrub';
export * from './uuid-param';
export * from './web-root';
export * from './uuid7';
export * from './adaptive-batcher';
export * from './database-unavailable';
