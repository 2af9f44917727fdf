// Public surface of libs/improvements: other libs, the apps, scripts and tests import it as @cairn/improvements.
export * from './improvement-effect';
export * from './improvement.dto';
export * from './improvement.response';
export * from './improvement.service';
export * from './improvements.module';
