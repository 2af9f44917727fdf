// Public surface of libs/users: other libs, the apps, scripts and tests import it as @cairn/users.
export * from './login-throttle';
export * from './login-throttle.policy';
export * from './password-hasher';
export * from './session-cookie';
export * from './session.service';
export * from './user-bootstrap.service';
export * from './user.dto';
export * from './user.repository';
export * from './user.response';
export * from './user.service';
export * from './users.module';
