// Public surface of libs/survey: other libs, the apps, scripts and tests import it as @cairn/survey.
export * from './survey.dto';
export * from './survey.module';
export * from './survey.response';
export * from './survey.service';
