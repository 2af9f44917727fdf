// Public surface of libs/sms: other libs, the apps, scripts and tests import it as @cairn/sms.
export * from './gsm7';
export * from './quiet-hours.policy';
export * from './sms-gate.service';
export * from './sms-hook.service';
export * from './sms-invitation.repository';
export * from './sms-provider';
export * from './sms-reply';
export * from './sms-send.service';
export * from './sms-texts';
export * from './sms.module';
export * from './twilio-signature';
