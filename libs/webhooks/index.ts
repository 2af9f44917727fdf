// Public surface of libs/webhooks: other libs, the apps, scripts and tests import it as @cairn/webhooks.
export * from './ssrf-guard';
export * from './webhook-sender';
export * from './webhook-delivery.service';
export * from './webhook-fanout.service';
export * from './webhook-sweep.service';
export * from './webhook.dto';
export * from './webhook.response';
export * from './webhook.service';
export * from './webhooks.module';
