// Public surface of libs/responses: other libs, the apps, scripts and tests import it as @cairn/responses.
export * from './click-count.service';
export * from './first-answer.repository';
export * from './past-answer.repository';
export * from './past-answer.writer';
export * from './response-events';
export * from './response-item.response';
export * from './response-list.service';
export * from './response-query.dto';
export * from './response-query.repository';
export * from './response-recorder.service';
export * from './response-snapshot.repository';
export * from './response.repository';
export { toAnalysisDto } from './response.mapper';
export * from './responses.module';
export * from './response-import.dto';
export * from './response-import.module';
export * from './response-import.service';
