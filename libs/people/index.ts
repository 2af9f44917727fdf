// Public surface of libs/people: other libs, the apps, scripts and tests import it as @cairn/people.
export * from './people.dto';
export * from './people.module';
export * from './people.service';
export * from './person-batch.repository';
export * from './person-properties';
export * from './person-query.repository';
export * from './person.repository';
export * from './person.response';
export * from './unsubscribe.service';
export * from './phone-number';
