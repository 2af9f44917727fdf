// Public surface of libs/demo: other libs, the apps, scripts and tests import it as @cairn/demo.
export * from './demo-data';
export * from './demo-seeder';
export * from './demo.module';
