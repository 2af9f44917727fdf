// Public surface of libs/invitations: other libs, the apps, scripts and tests import it as @cairn/invitations.
export * from './email-links';
export * from './invitation-token.repository';
export * from './invitations.module';
