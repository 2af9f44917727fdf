// Public surface of libs/insights: other libs, the apps, scripts and tests import it as @cairn/insights.
export * from './comment-analysis.service';
export * from './insights.module';
export * from './theme-insights.response';
export * from './theme-insights.service';
export * from './theme.dto';
export * from './theme.response';
export * from './theme.service';
