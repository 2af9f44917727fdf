// Public surface of libs/notifications: other libs, the apps, scripts and tests import it as @cairn/notifications.
export * from './notice-email';
export * from './send-or-fail';
