import { randomBytes } from 'node:crypto';
import { CRASH_POINT_VARIABLE, parseCrashPoint } from './crash-point';
import { argon2MemoryCost } from './password-hash-cost';
import { LogFormat, parseLogFormat } from './log-format';
import { DeliverabilityConfig, loadDeliverability } from './deliverability-config';

/** Everything the apps read from the environment, validated once at boot. */
export interface AppConfig {
  port: number;
  workerHealthPort: number;
  databaseUrl: string;
  /** A streaming replica for score, map, insight and listing reads (DATABASE_READ_URL); null: every read on the primary. */
  databaseReadUrl: string | null;
  /** How long a read waits for the replica to replay what the primary had committed when the read began (DATABASE_READ_WAIT_MS). */
  databaseReadWaitMs: number;
  redisUrl: string;
  /** Prefix of every Redis key and queue; tests give each file its own. */
  redisPrefix: string;
  /** Nodes of a Redis Cluster (REDIS_CLUSTER_NODES=host:port,…): used instead of REDIS_URL when set. */
  redisClusterNodes: Array<{ host: string; port: number }> | null;
  smtpUrl: string | null;
  mailFrom: string;
  publicBaseUrl: string;
  bootstrapApiKey: string | null;
  adminEmail: string;
  /** Dashboard users of the `default` workspace with these emails are instance operators (the queue board); default: the first admin. */
  operatorEmails: string[];
  adminPassword: string | null;
  companyName: string;
  webhookAllowPrivate: string | null;
  /** Waits between webhook attempts (ms); tests shorten it with WEBHOOK_RETRY_SCHEDULE=50ms,50ms. */
  webhookRetrySchedule: number[];
  webhookTimeoutMs: number;
  /**
   * How long a delivery to a healthy endpoint whose slots are all busy waits in the worker for one before it is
   * queued again (WEBHOOK_SLOT_WAIT_MS, 2 s). A test of the wait itself lengthens it: on a loaded machine a burst
   * can outlast 2 s without anything being wrong.
   */
  webhookSlotWaitMs: number;
  /**
   * How long a worker's hold on a job (BullMQ's lock) and on an invitation's send claim lasts: a crashed
   * worker's work is taken over after this. 30 s by default; crash tests shorten it (JOB_LOCK_MS).
   */
  jobLockMs: number;
  /**
   * How often a worker checks that each of its BullMQ workers still takes jobs; one that took none for a whole
   * tick while jobs were due is replaced (WORKER_WATCH_MS, 15 s by default).
   */
  workerWatchMs: number;
  /**
   * Who moves outbox rows to BullMQ after an API's commit: 'notify' (default) sends one coalesced NOTIFY and the
   * worker's listening relay moves them; 'inline' makes the API move them itself. The worker's scheduled relay runs either way.
   */
  outboxRelay: 'notify' | 'inline';
  /**
   * Answering through the email's links. `clickWindowMs` (ANSWER_CLICK_WINDOW, 60s): a click (the page seen for a
   * moment) is held this long and dropped when another score of the same email was opened this close to it, as a
   * mail scanner does. `settleAfterMs` (ANSWER_SETTLE_AFTER, 5s): the quiet after the page's last step-by-step
   * save before alerts, cases and side webhooks act on the score. Tests shorten both.
   */
  answering: { clickWindowMs: number; settleAfterMs: number };
  /** SMTP connections per worker process (SMTP_POOL_SIZE). */
  smtpPoolSize: number;
  /** Jobs run at once per worker process, per queue (EMAIL_CONCURRENCY, WEBHOOK_CONCURRENCY, EVENT_CONCURRENCY). */
  workerConcurrency: { email: number; webhooks: number; events: number };
  /** Proxies whose X-Forwarded-For is believed (per-IP rate limits depend on it); false = none. */
  trustProxy: string | boolean;
  /** argon2id memory cost (KiB) of password hashes; lowered only in tests (ARGON2_MEMORY_COST). */
  argon2MemoryKiB: number;
  /** Bearer token Prometheus must send for /metrics; null = /metrics is off (404). */
  metricsToken: string | null;
  /**
   * CAIRN_SECRETS_KEY (32+ characters): encrypts secrets Cairn must keep in clear to use them, such as a webhook's
   * Delighted signing key. Null = such secrets cannot be set.
   */
  secretsKey: string | null;
  logLevel: string;
  /** LOG_FORMAT; unset = pretty when stdout is a terminal, JSON otherwise. */
  logFormat: LogFormat;
  migrateOnStart: boolean;
  /**
   * History partitions (HISTORY_PARTITIONED=true: events, invitations, responses, outbox, webhook deliveries and
   * attempts partitioned by month, see historyPartitioned()): how many months ahead the worker keeps partitions made
   * (PARTITIONS_AHEAD_MONTHS, 3), and after how many whole months it drops them (HISTORY_RETENTION_MONTHS; 0, the
   * default, keeps them all). Responses are never dropped.
   */
  history: { partitioned: boolean; aheadMonths: number; retentionMonths: number };
  nodeEnv: string;
  /**
   * The journey map's PDF/PNG export: the Chromium it renders with (CHROMIUM_PATH, default Debian's /usr/bin/chromium;
   * missing = the export answers 503), and how long one render may take, waiting included (MAP_EXPORT_TIMEOUT, 30s).
   */
  mapExport: { chromiumPath: string; timeoutMs: number };
  /**
   * Survey texts through a provider speaking Twilio's Messages API: SMS_API_URL (default https://api.twilio.com),
   * SMS_ACCOUNT_SID, SMS_AUTH_TOKEN (also checks X-Twilio-Signature on /hooks/sms), SMS_FROM (E.164 or a sender id).
   * Null when any of the last three is unset: SMS surveys then fail with reason sms_not_configured.
   */
  sms: { apiUrl: string; accountSid: string; authToken: string; from: string } | null;
  /** DKIM, VERP bounces, the inbound report listener and the sending pause (deliverability-config.ts). */
  deliverability: DeliverabilityConfig;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min = 0, max = 65535): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function url(env: Env, name: string, fallback: string | null, protocols: string[]): string | null {
  const raw = env[name] || fallback;
  if (raw === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')}, got ${parsed.protocol}`);
  }
  return raw.replace(/\/$/, '');
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** '5s,5m,2h' → [5000, 300000, 7200000]. */
function durations(env: Env, name: string, fallback: string): number[] {
  const raw = env[name] || fallback;
  return raw.split(',').map((part) => {
    const match = /^\s*(\d+)(ms|s|m|h)\s*$/.exec(part);
    if (!match) throw new ConfigError(`${name} must list durations such as 5s,5m,2h, got "${raw}"`);
    return Number(match[1]) * UNIT_MS[match[2]];
  });
}

function duration(env: Env, name: string, fallback: string): number {
  const [one, ...more] = durations(env, name, fallback);
  if (more.length) throw new ConfigError(`${name} must be one duration such as 5s, got "${env[name]}"`);
  return one;
}

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!values.includes(raw as T)) throw new ConfigError(`${name} must be one of ${values.join(', ')}, got "${raw}"`);
  return raw as T;
}

/**
 * HISTORY_PARTITIONED (default false): whether the migrator converts the history tables to monthly partitions
 * (prisma/partitioning). Off by default: on a small machine the partitioned tables' key triggers and routing cost
 * the answer and event paths about a quarter of their throughput (bench:answering), which only pays back where
 * months of history are dropped whole. A database once converted stays so, whatever this says later.
 */
export function historyPartitioned(env: Env = process.env): boolean {
  return bool(env, 'HISTORY_PARTITIONED', false);
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

/** 'ops@example.com, b@example.com' → normalised addresses; anything that is not an address stops the start. */
function emails(env: Env, name: string, fallback: string): string[] {
  const list = (env[name] || fallback)
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean);
  const bad = list.find((address) => !/^[^\s@,]+@[^\s@,]+$/.test(address));
  if (bad !== undefined) throw new ConfigError(`${name} must list email addresses separated by commas, got "${bad}"`);
  return list;
}

/** 'true' trusts any proxy (only behind one you control); otherwise a comma-separated list of addresses/CIDRs. */
function clusterNodes(raw: string | undefined): Array<{ host: string; port: number }> | null {
  if (!raw?.trim()) return null;
  return raw.split(',').map((entry) => {
    const match = /^\s*([^\s:]+|\[[0-9a-fA-F:]+\]):(\d{1,5})\s*$/.exec(entry);
    const port = Number(match?.[2]);
    if (!match || port < 1 || port > 65535) throw new ConfigError(`REDIS_CLUSTER_NODES: "${entry.trim()}" is not host:port`);
    return { host: match[1].replace(/^\[|\]$/g, ''), port };
  });
}

function trustProxy(raw: string | undefined): string | boolean {
  if (!raw || raw === 'false') return false;
  return raw === 'true' ? true : raw;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const port = int(env, 'PORT', 3000, 0);
  const bootstrapApiKey = env.CAIRN_BOOTSTRAP_API_KEY || null;
  if (bootstrapApiKey !== null && bootstrapApiKey.length < 24) {
    throw new ConfigError('CAIRN_BOOTSTRAP_API_KEY must be at least 24 characters');
  }
  const metricsToken = env.METRICS_TOKEN || null;
  if (metricsToken !== null && (metricsToken.length < 16 || /\s/.test(metricsToken))) {
    throw new ConfigError('METRICS_TOKEN must be at least 16 characters without spaces');
  }
  const secretsKey = env.CAIRN_SECRETS_KEY || null;
  if (secretsKey !== null && secretsKey.length < 32) throw new ConfigError('CAIRN_SECRETS_KEY must be at least 32 characters');
  const adminPassword = env.CAIRN_ADMIN_PASSWORD || null;
  if (adminPassword !== null && adminPassword.length < 8) {
    throw new ConfigError('CAIRN_ADMIN_PASSWORD must be at least 8 characters');
  }
  // The test-only crash hook must never arm in production (libs/config/crash-point.ts).
  try {
    parseCrashPoint(env[CRASH_POINT_VARIABLE], env.NODE_ENV);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  let logFormat: LogFormat;
  try {
    logFormat = parseLogFormat(env.LOG_FORMAT, Boolean(process.stdout.isTTY));
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  let deliverability: DeliverabilityConfig;
  try {
    deliverability = loadDeliverability(env);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  let argon2MemoryKiB: number;
  try {
    argon2MemoryKiB = argon2MemoryCost(env.ARGON2_MEMORY_COST, env.NODE_ENV);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  return {
    port,
    workerHealthPort: int(env, 'WORKER_HEALTH_PORT', port === 0 ? 0 : port + 1, 0),
    databaseUrl: url(env, 'DATABASE_URL', 'postgresql://postgres@127.0.0.1:5432/cairn', ['postgresql:', 'postgres:'])!,
    databaseReadUrl: url(env, 'DATABASE_READ_URL', null, ['postgresql:', 'postgres:']),
    databaseReadWaitMs: int(env, 'DATABASE_READ_WAIT_MS', 100, 0, 10_000),
    redisUrl: url(env, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:'])!,
    redisPrefix: env.REDIS_PREFIX || 'cairn',
    redisClusterNodes: clusterNodes(env.REDIS_CLUSTER_NODES),
    smtpUrl: url(env, 'SMTP_URL', null, ['smtp:', 'smtps:']),
    mailFrom: env.MAIL_FROM || 'Cairn <surveys@localhost>',
    publicBaseUrl: url(env, 'PUBLIC_BASE_URL', `http://localhost:${port}`, ['http:', 'https:'])!,
    bootstrapApiKey,
    adminEmail: (env.CAIRN_ADMIN_EMAIL || 'admin@localhost').toLowerCase(),
    operatorEmails: emails(env, 'OPERATOR_EMAILS', env.CAIRN_ADMIN_EMAIL || 'admin@localhost'),
    adminPassword,
    companyName: env.CAIRN_COMPANY_NAME || 'Cairn Demo',
    webhookAllowPrivate: env.WEBHOOK_ALLOW_PRIVATE || null,
    webhookRetrySchedule: durations(env, 'WEBHOOK_RETRY_SCHEDULE', '5s,5m,30m,2h,5h,10h,10h'),
    webhookTimeoutMs: int(env, 'WEBHOOK_TIMEOUT_MS', 15_000, 100, 120_000),
    webhookSlotWaitMs: int(env, 'WEBHOOK_SLOT_WAIT_MS', 2_000, 0, 60_000),
    jobLockMs: int(env, 'JOB_LOCK_MS', 30_000, 1_000, 600_000),
    workerWatchMs: int(env, 'WORKER_WATCH_MS', 15_000, 200, 600_000),
    outboxRelay: oneOf(env, 'OUTBOX_RELAY', ['notify', 'inline'] as const, 'notify'),
    answering: { clickWindowMs: duration(env, 'ANSWER_CLICK_WINDOW', '60s'), settleAfterMs: duration(env, 'ANSWER_SETTLE_AFTER', '5s') },
    // Chosen by measurement (bench/distribution-bench, bench/webhooks-bench on a 2-core machine).
    smtpPoolSize: int(env, 'SMTP_POOL_SIZE', 5, 1, 100),
    workerConcurrency: {
      email: int(env, 'EMAIL_CONCURRENCY', 20, 1, 1000),
      webhooks: int(env, 'WEBHOOK_CONCURRENCY', 50, 1, 1000),
      events: int(env, 'EVENT_CONCURRENCY', 20, 1, 1000),
    },
    trustProxy: trustProxy(env.TRUST_PROXY),
    argon2MemoryKiB,
    metricsToken,
    secretsKey,
    logLevel: env.LOG_LEVEL || 'info',
    logFormat,
    migrateOnStart: bool(env, 'CAIRN_MIGRATE_ON_START', true),
    history: {
      partitioned: historyPartitioned(env),
      aheadMonths: int(env, 'PARTITIONS_AHEAD_MONTHS', 3, 1, 24),
      retentionMonths: int(env, 'HISTORY_RETENTION_MONTHS', 0, 0, 1200),
    },
    nodeEnv: env.NODE_ENV || 'development',
    mapExport: { chromiumPath: env.CHROMIUM_PATH || '/usr/bin/chromium', timeoutMs: duration(env, 'MAP_EXPORT_TIMEOUT', '30s') },
    sms: smsConfig(env),
    deliverability,
  };
}

function smsConfig(env: Env): AppConfig['sms'] {
  const apiUrl = url(env, 'SMS_API_URL', 'https://api.twilio.com', ['http:', 'https:'])!.replace(/\/+$/, '');
  const [accountSid, authToken, from] = [env.SMS_ACCOUNT_SID, env.SMS_AUTH_TOKEN, env.SMS_FROM];
  if (!accountSid || !authToken || !from) return null;
  if (!/^[A-Za-z0-9]{2,64}$/.test(accountSid)) throw new ConfigError('SMS_ACCOUNT_SID must be letters and digits (e.g. AC…)');
  return { apiUrl, accountSid, authToken, from };
}

/** A random secret, base64url; used for generated keys and passwords. */
export function randomSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
