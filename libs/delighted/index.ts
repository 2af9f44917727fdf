// Public surface of libs/delighted: other libs, the apps, scripts and tests import it as @cairn/delighted.
export * from './delighted-csv';
export * from './delighted-error.response';
export * from './delighted-errors';
export * from './delighted-exception.filter';
export * from './delighted-import.service';
export * from './delighted-metrics.service';
export * from './delighted-params';
export * from './delighted-people-query.service';
export * from './delighted-people.service';
export * from './delighted-rate-limit.guard';
export * from './delighted-response.writer';
export * from './delighted-responses.service';
export * from './delighted-suppressions.service';
export * from './delighted-survey.service';
export * from './delighted-webhook.mapper';
export * from './delighted.module';
export * from './delighted.response';
