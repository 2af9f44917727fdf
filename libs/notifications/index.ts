// Public surface of libs/notifications: other libs, the apps, scripts and tests import it as @cairn/notifications.
export * from './notice-email';
export * from './notice-sender.service';
export * from './notifications.module';
export * from './sent-notice.repository';
