import { createHmac, randomBytes } from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
import { Webhook } from 'standardwebhooks';
import { AllowList, guardedLookup, inspectWebhookUrl, Resolver } from './ssrf-guard';

export interface WebhookRequest {
  url: string;
  id: string;
  timestamp: Date;
  body: string;
  secret: string;
  /** Sent as X-Delighted-Webhook-Signature: hex HMAC-SHA256 of the body under this key (Delighted's own signature). */
  delightedSigningKey?: string | null;
}
export interface SendOptions {
  allow: AllowList;
  timeoutMs?: number;
  /** Replaces system DNS; a test seam for rebinding, production leaves it unset. */
  resolver?: Resolver;
}
export interface SendResult {
  statusCode: number | null;
  latencyMs: number;
  responseBody: string | null;
  error: string | null;
  retryAfterSeconds: number | null;
}

const MAX_BODY_CHARS = 2048;

/** Delighted's webhook signature: the hex HMAC-SHA256 of the raw body, keyed with the signing key. */
export function delightedSignature(key: string, body: string): string {
  return createHmac('sha256', key).update(body).digest('hex');
}

/** Spec: symmetric secrets are at least 24 random bytes, base64, prefixed whsec_. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** `v1,<base64 HMAC-SHA256("id.unixSeconds.body")>` keyed with the decoded whsec_ secret. */
export function signPayload(secret: string, id: string, timestamp: Date, body: string): string {
  return new Webhook(secret).sign(id, timestamp, body);
}

export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

export function sendWebhook(req: WebhookRequest, opts: SendOptions): Promise<SendResult> {
  const started = performance.now();
  const result = (r: Partial<SendResult>): SendResult => ({
    statusCode: null,
    responseBody: null,
    error: null,
    retryAfterSeconds: null,
    latencyMs: Math.round(performance.now() - started),
    ...r,
  });
  // Literal IPs never reach `lookup`, so they are judged here; names are judged at connect time.
  const shape = inspectWebhookUrl(req.url, opts.allow);
  if (!shape.ok) return Promise.resolve(result({ error: `ESSRF: ${shape.reason}` }));

  const body = Buffer.from(req.body, 'utf8');
  const client = shape.url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (r: Partial<SendResult>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result(r));
    };
    let request: http.ClientRequest;
    try {
      request = client.request(shape.url, {
        method: 'POST',
        agent: false, // a fresh socket per attempt: each one passes guardedLookup, none outlives the deadline
        lookup: guardedLookup(opts.allow, opts.resolver),
        headers: {
          'content-type': 'application/json',
          'content-length': body.length,
          'user-agent': 'Cairn-Webhooks/1',
          'webhook-id': req.id,
          'webhook-timestamp': String(Math.floor(req.timestamp.getTime() / 1000)),
          'webhook-signature': signPayload(req.secret, req.id, req.timestamp, req.body),
          ...(req.delightedSigningKey ? { 'x-delighted-webhook-signature': delightedSignature(req.delightedSigningKey, req.body) } : {}),
        },
      });
    } catch (err) {
      // A bad secret or an id with illegal header characters: report, don't reject.
      return resolve(result({ error: err instanceof Error ? err.message : String(err) }));
    }
    // One deadline for DNS, connect, headers and body: a trickling receiver cannot hold a worker.
    timer = setTimeout(() => {
      finish({ error: 'timeout' });
      request.destroy();
    }, opts.timeoutMs ?? 15_000);

    request.on('error', (err) => finish({ error: err.message || String(err) }));
    // node:http never follows redirects; a 3xx is just the response we report.
    request.on('response', (res) => {
      const base = {
        statusCode: res.statusCode ?? null,
        retryAfterSeconds: parseRetryAfter(res.headers['retry-after']),
      };
      let text = '';
      const done = () => finish({ ...base, responseBody: text.slice(0, MAX_BODY_CHARS) });
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        if (text.length >= MAX_BODY_CHARS) {
          done(); // the rest is never stored, so stop downloading it
          res.destroy();
        }
      });
      res.on('end', done);
      res.on('error', (err) => finish({ ...base, error: err.message }));
      res.on('close', done); // covers a receiver that drops the socket mid-body
    });
    request.end(body);
  });
}
