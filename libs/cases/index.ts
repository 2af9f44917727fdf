// Public surface of libs/cases: other libs, the apps, scripts and tests import it as @cairn/cases.
export * from './case-follow.service';
export * from './case-history.response';
export * from './case-history.service';
export * from './case-opener.service';
export * from './case.dto';
export * from './case.response';
export * from './case.service';
export * from './cases.module';
