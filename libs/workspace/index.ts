// Public surface of libs/workspace: other libs, the apps, scripts and tests import it as @cairn/workspace.
export * from './workspace-bootstrap.service';
export * from './workspace.module';
export * from './workspace.repository';
