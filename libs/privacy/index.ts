// Public surface of libs/privacy: other libs, the apps, scripts and tests import it as @cairn/privacy.
export * from './erasure.service';
export * from './privacy.module';
export * from './redact';
export * from './retention.service';
export * from './history-partitions.service';
export * from './history-partitions.repository';
