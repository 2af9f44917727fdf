// Public surface of libs/map-export: other libs, the apps, scripts and tests import it as @cairn/map-export.
export * from './browser-renderer';
export * from './map-export.module';
export * from './map-export.service';
export * from './map-print-page';
