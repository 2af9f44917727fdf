// Public surface of libs/journey: other libs, the apps, scripts and tests import it as @cairn/journey.
export * from './journey.dto';
export * from './journey-order.dto';
export * from './journey-order.service';
export * from './journey.module';
export * from './journey.response';
export * from './journey.service';
export * from './touchpoint.dto';
export * from './touchpoint.service';
