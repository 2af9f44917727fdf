// Public surface of libs/mail: other libs, the apps, scripts and tests import it as @cairn/mail.
export * from './dev-mail-catcher';
export * from './dev-mail-catcher.module';
export * from './dev-mail-catcher.store';
export * from './escape-html';
export * from './mail.repository';
export * from './survey-email.content';
export * from './survey-email.renderer';
export * from './survey-scale';
export * from './template-placeholders';
export * from './transfer-encoding';
export * from './mail.module';
export * from './verp';
export * from './dkim-signing';
export * from './smtp-vanished-client';
