// Public surface of libs/deliverability: other libs, the apps, scripts and tests import it as @cairn/deliverability.
export * from './bounce-inbox.module';
export * from './bounce-listener.service';
export * from './bounce.service';
export * from './delivery-report.parser';
export * from './deliverability.module';
export * from './deliverability.response';
export * from './deliverability.service';
export * from './provider-event.mapper';
export * from './provider-hooks.service';
export * from './reputation.policy';
export * from './sns-signature';
