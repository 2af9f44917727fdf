// Public surface of libs/distribution: other libs, the apps, scripts and tests import it as @cairn/distribution.
export * from './distribution.module';
export * from './event-intake.repository';
export * from './event-intake.service';
export * from './event.dto';
export * from './fatigue.policy';
export * from './handover.repository';
export * from './invitation-claim.repository';
export * from './invitation-reconciler.service';
export * from './invitation-send.service';
export * from './invitation.mapper';
export * from './invitation.repository';
export * from './invitation.response';
export * from './reminder.service';
export * from './send-gate.service';
export * from './send-handing-over';
export * from './send-errors';
