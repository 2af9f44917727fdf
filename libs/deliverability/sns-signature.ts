import { createVerify } from 'node:crypto';

/** An Amazon SNS message as POSTed to an HTTPS subscription (Notification or SubscriptionConfirmation). */
export interface SnsMessage {
  Type: string;
  MessageId: string;
  TopicArn: string;
  Message: string;
  Timestamp: string;
  SignatureVersion: string;
  Signature: string;
  SigningCertURL: string;
  Subject?: string;
  SubscribeURL?: string;
  Token?: string;
}

const NOTIFICATION_KEYS = ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'] as const;
const SUBSCRIPTION_KEYS = ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'] as const;

/** AWS's canonical string: each present key and its value on lines of their own, in this fixed order. */
export function snsStringToSign(message: SnsMessage): string {
  const keys = message.Type === 'Notification' ? NOTIFICATION_KEYS : SUBSCRIPTION_KEYS;
  return keys
    .filter((key) => typeof message[key] === 'string')
    .map((key) => `${key}\n${message[key]}\n`)
    .join('');
}

/** Where a signing certificate may come from: https on sns.<region>.amazonaws.com, a .pem path; or an origin allowed for tests. */
export function isSnsCertUrl(url: string, extraOrigins: string[] = []): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  if (extraOrigins.includes(parsed.origin)) return parsed.pathname.endsWith('.pem');
  const host = /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(parsed.hostname);
  return parsed.protocol === 'https:' && host && !parsed.port && !parsed.username && parsed.pathname.endsWith('.pem');
}

export function isSnsMessage(body: unknown): body is SnsMessage {
  const m = body as Record<string, unknown> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    ['Type', 'MessageId', 'TopicArn', 'Message', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertURL'].every(
      (k) => typeof m[k] === 'string',
    )
  );
}

/** Checks the signature (version 1: SHA1withRSA, version 2: SHA256withRSA) against the certificate's PEM. */
export function verifySnsSignature(message: SnsMessage, certificatePem: string): boolean {
  const algorithm = message.SignatureVersion === '2' ? 'RSA-SHA256' : message.SignatureVersion === '1' ? 'RSA-SHA1' : null;
  if (!algorithm) return false;
  try {
    return createVerify(algorithm).update(snsStringToSign(message), 'utf8').verify(certificatePem, message.Signature, 'base64');
  } catch {
    return false;
  }
}
