import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('needs no configuration on this machine', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      workerHealthPort: 3001,
      databaseUrl: 'postgresql://postgres@127.0.0.1:5432/cairn',
      databaseReadUrl: null,
      databaseReadWaitMs: 100,
      redisUrl: 'redis://127.0.0.1:6379',
      redisClusterNodes: null,
      smtpUrl: null,
      publicBaseUrl: 'http://localhost:3000',
      adminEmail: 'admin@localhost',
      migrateOnStart: true,
      trustProxy: false,
    });
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8' }).trustProxy).toBe('10.0.0.0/8');
  });

  it('reads the contract variables', () => {
    const config = loadConfig({
      PORT: '8080',
      SMTP_URL: 'smtp://mail:25',
      PUBLIC_BASE_URL: 'https://cx.example.com/',
      MAIL_FROM: 'CX <cx@example.com>',
      CAIRN_ADMIN_EMAIL: 'Boss@Example.com',
      CAIRN_BOOTSTRAP_API_KEY: 'k'.repeat(32),
    });
    expect(config).toMatchObject({
      port: 8080,
      smtpUrl: 'smtp://mail:25',
      publicBaseUrl: 'https://cx.example.com',
      mailFrom: 'CX <cx@example.com>',
      adminEmail: 'boss@example.com',
      bootstrapApiKey: 'k'.repeat(32),
    });
  });

  it('sizes the worker (per-queue concurrency, SMTP pool) and picks who relays the outbox, refusing anything else', () => {
    expect(loadConfig({})).toMatchObject({
      outboxRelay: 'notify',
      smtpPoolSize: 5,
      workerConcurrency: { email: 20, webhooks: 50, events: 20 },
    });
    const config = loadConfig({
      OUTBOX_RELAY: 'inline',
      SMTP_POOL_SIZE: '8',
      EMAIL_CONCURRENCY: '16',
      WEBHOOK_CONCURRENCY: '100',
      EVENT_CONCURRENCY: '4',
    });
    expect(config).toMatchObject({ outboxRelay: 'inline', smtpPoolSize: 8, workerConcurrency: { email: 16, webhooks: 100, events: 4 } });
    expect(() => loadConfig({ OUTBOX_RELAY: 'api' })).toThrow(/OUTBOX_RELAY must be one of notify, inline/);
    expect(() => loadConfig({ SMTP_POOL_SIZE: '0' })).toThrow(/SMTP_POOL_SIZE/);
  });

  it('turns SMS on only with account, token and sender, at Twilio unless SMS_API_URL says otherwise', () => {
    expect(loadConfig({}).sms).toBeNull();
    expect(loadConfig({ SMS_ACCOUNT_SID: 'AC1', SMS_AUTH_TOKEN: 't' }).sms).toBeNull();
    const sms = { SMS_ACCOUNT_SID: 'AC1', SMS_AUTH_TOKEN: 't', SMS_FROM: '+46766860000' };
    expect(loadConfig(sms).sms).toEqual({ apiUrl: 'https://api.twilio.com', accountSid: 'AC1', authToken: 't', from: '+46766860000' });
    expect(loadConfig({ ...sms, SMS_API_URL: 'https://sms.example.com/' }).sms?.apiUrl).toBe('https://sms.example.com');
    expect(() => loadConfig({ ...sms, SMS_API_URL: 'ftp://x' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...sms, SMS_ACCOUNT_SID: 'AC 1/../' })).toThrow(ConfigError);
  });

  it('makes the first admin the instance operator unless OPERATOR_EMAILS lists others', () => {
    expect(loadConfig({}).operatorEmails).toEqual(['admin@localhost']);
    expect(loadConfig({ CAIRN_ADMIN_EMAIL: 'Boss@Example.com' }).operatorEmails).toEqual(['boss@example.com']);
    expect(loadConfig({ OPERATOR_EMAILS: ' Ops@Example.com,sre@example.com ' }).operatorEmails).toEqual([
      'ops@example.com',
      'sre@example.com',
    ]);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
    [{ REDIS_URL: 'not a url' }, /REDIS_URL/],
    [{ SMTP_URL: 'http://mail' }, /SMTP_URL/],
    [{ CAIRN_BOOTSTRAP_API_KEY: 'short' }, /CAIRN_BOOTSTRAP_API_KEY/],
    [{ CAIRN_ADMIN_PASSWORD: '123' }, /CAIRN_ADMIN_PASSWORD/],
    [{ CAIRN_MIGRATE_ON_START: 'maybe' }, /CAIRN_MIGRATE_ON_START/],
    [{ OPERATOR_EMAILS: 'ops@example.com, not an address' }, /OPERATOR_EMAILS/],
  ])('fails fast on %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('keeps history partitions three months ahead and drops none unless HISTORY_RETENTION_MONTHS says', () => {
    expect(loadConfig({}).history).toEqual({ partitioned: false, aheadMonths: 3, retentionMonths: 0 });
    expect(loadConfig({ HISTORY_PARTITIONED: 'true', PARTITIONS_AHEAD_MONTHS: '6', HISTORY_RETENTION_MONTHS: '4' }).history).toEqual({
      partitioned: true,
      aheadMonths: 6,
      retentionMonths: 4,
    });
    expect(() => loadConfig({ HISTORY_PARTITIONED: 'sometimes' })).toThrow(ConfigError);
    expect(() => loadConfig({ PARTITIONS_AHEAD_MONTHS: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ HISTORY_RETENTION_MONTHS: '-1' })).toThrow(ConfigError);
  });

  it('reads the nodes of a Redis Cluster, and refuses a node that is not host:port', () => {
    expect(loadConfig({ REDIS_CLUSTER_NODES: 'redis-0:7000, 10.0.0.2:7001,[::1]:7002' }).redisClusterNodes).toEqual([
      { host: 'redis-0', port: 7000 },
      { host: '10.0.0.2', port: 7001 },
      { host: '::1', port: 7002 },
    ]);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'redis-0' })).toThrow(/REDIS_CLUSTER_NODES: "redis-0" is not host:port/);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'redis-0:99999' })).toThrow(ConfigError);
  });
});
