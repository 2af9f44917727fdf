import { existsSync, readFileSync } from 'node:fs';

/** DKIM signing, the VERP bounce address and its inbound listener, the reputation guard's thresholds (issue 16). */
export interface DeliverabilityConfig {
  /** DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY (PEM, or a path to one); null when unset: mail goes out unsigned. */
  dkim: { domain: string; selector: string; privateKey: string } | null;
  /** BOUNCE_ADDRESS: the envelope sender becomes `local+<invitation id>@domain`; null = nodemailer's default (MAIL_FROM). */
  bounceAddress: { local: string; domain: string } | null;
  /** BOUNCE_SMTP_PORT: the inbound listener for delivery reports and complaints; null = off, 0 = any free port (tests). */
  bounceSmtpPort: number | null;
  bounceSmtpHost: string;
  /** Soft bounces of one address within SOFT_BOUNCE_WINDOW_DAYS that suppress it, at least a day apart first to last. */
  softBounceLimit: number;
  softBounceWindowDays: number;
  /** The pause: over 24 h, bounces above `bounceRate` or complaints above `complaintRate`, with at least `minSent` sent. */
  pause: { bounceRate: number; complaintRate: number; minSent: number };
  /**
   * Origins whose SNS signing certificates are believed besides https://sns.<region>.amazonaws.com
   * (SNS_CERT_ORIGINS; tests serve their own certificate). Never set in production.
   */
  snsCertOrigins: string[];
}

type Env = Record<string, string | undefined>;

function fail(message: string): never {
  throw Object.assign(new Error(message), { name: 'ConfigError' });
}

function dkim(env: Env): DeliverabilityConfig['dkim'] {
  const { DKIM_DOMAIN: domain, DKIM_SELECTOR: selector, DKIM_PRIVATE_KEY: key } = env;
  if (!domain && !selector && !key) return null;
  if (!domain || !selector || !key) fail('DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY must be set together');
  const privateKey = key.includes('-----BEGIN') ? key.replace(/\\n/g, '\n') : existsSync(key) ? readFileSync(key, 'utf8') : null;
  if (!privateKey?.includes('PRIVATE KEY')) fail('DKIM_PRIVATE_KEY must be a PEM private key or the path of one');
  return { domain: domain.toLowerCase(), selector, privateKey };
}

function bounceAddress(env: Env): DeliverabilityConfig['bounceAddress'] {
  const raw = env.BOUNCE_ADDRESS?.trim();
  if (!raw) return null;
  const match = /^([A-Za-z0-9._-]+)@([A-Za-z0-9.-]+)$/.exec(raw);
  if (!match) fail(`BOUNCE_ADDRESS must be a plain address such as bounces@mail.example.com, got "${raw}"`);
  return { local: match[1], domain: match[2].toLowerCase() };
}

function number(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) fail(`${name} must be a number between ${min} and ${max}, got "${raw}"`);
  return value;
}

export function loadDeliverability(env: Env): DeliverabilityConfig {
  const port = env.BOUNCE_SMTP_PORT;
  return {
    dkim: dkim(env),
    bounceAddress: bounceAddress(env),
    bounceSmtpPort: port === undefined || port === '' ? null : number(env, 'BOUNCE_SMTP_PORT', 0, 0, 65535),
    bounceSmtpHost: env.BOUNCE_SMTP_HOST || '0.0.0.0',
    softBounceLimit: number(env, 'SOFT_BOUNCE_LIMIT', 3, 1, 100),
    softBounceWindowDays: number(env, 'SOFT_BOUNCE_WINDOW_DAYS', 14, 1, 365),
    pause: {
      bounceRate: number(env, 'PAUSE_BOUNCE_RATE', 0.1, 0, 1),
      complaintRate: number(env, 'PAUSE_COMPLAINT_RATE', 0.001, 0, 1),
      minSent: number(env, 'PAUSE_MIN_SENT', 50, 1, 1_000_000),
    },
    snsCertOrigins: (env.SNS_CERT_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  };
}
