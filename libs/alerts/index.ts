// Public surface of libs/alerts: other libs, the apps, scripts and tests import it as @cairn/alerts.
export * from './alert-rule.dto';
export * from './alert-rule.response';
export * from './alert-rule.service';
export * from './alerts.module';
export * from './response-alert.service';
export * from './score-drop.service';
