// Public surface of libs/i18n: other libs, the apps, scripts and tests import it as @cairn/i18n.
export * from './messages';
