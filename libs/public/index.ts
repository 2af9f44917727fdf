// Public surface of libs/public: other libs, the apps, scripts and tests import it as @cairn/public.
export * from './answer-body';
export * from './answer.service';
export * from './browser-script';
export * from './cors';
export * from './identity-secret.response';
export * from './identity-secret.service';
export * from './public-response.dto';
export * from './public-response.response';
export * from './public-response.service';
export * from './public.module';
export * from './unsubscribe-page.service';
export * from './views/page-layout';
export * from './widget-origins.policy';
export * from './widget-settings.dto';
export * from './widget-settings.response';
export * from './widget-settings.service';
