// Public surface of libs/drivers (issue 15): key driver analysis of a journey's relationship survey, as @cairn/drivers.
export * from './correlation-test';
export * from './key-drivers';
export * from './relative-weights';
export * from './theme-drivers';
export * from './drivers-query';
export * from './drivers.module';
export * from './drivers.response';
export * from './drivers.service';
