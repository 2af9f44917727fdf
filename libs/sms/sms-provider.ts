import { Inject, Injectable } from '@nestjs/common';
import * as http from 'node:http';
import * as https from 'node:https';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { AllowList, guardedLookup, inspectWebhookUrl, parseAllowList } from '@cairn/webhooks';

export interface OutgoingSms {
  to: string;
  body: string;
  /** Where the provider posts delivery status; signed like inbound messages. */
  statusCallback: string;
}

/**
 * What became of one message. `accepted`: the provider created it (its id). `refused`: a definite no (4xx), nothing
 * was created. `retry`: nothing was created either (the request never left, 429, 5xx). `unknown`: the request left
 * and no answer came back: the message may exist, so it must not be sent again.
 */
export type SmsOutcome =
  | { kind: 'accepted'; sid: string; status: string | null }
  | { kind: 'refused'; httpStatus: number; code: number | null; detail: string }
  | { kind: 'retry'; detail: string }
  | { kind: 'unknown'; detail: string };

const MAX_BODY = 4096;

/**
 * The one adapter to the SMS provider: Twilio's Messages API (POST
 * /2010-04-01/Accounts/{sid}/Messages.json, form-encoded, HTTP Basic), so any
 * provider that speaks it works with SMS_API_URL changed. Every connection
 * goes through the SSRF guard, as webhooks do.
 */
@Injectable()
export class SmsProvider {
  private readonly allow: AllowList;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.allow = parseAllowList(config.webhookAllowPrivate ?? undefined);
  }

  get configured(): boolean {
    return this.config.sms !== null;
  }

  send(message: OutgoingSms, timeoutMs = this.config.webhookTimeoutMs): Promise<SmsOutcome> {
    const sms = this.config.sms;
    if (!sms) return Promise.resolve({ kind: 'refused', httpStatus: 0, code: null, detail: 'sms_not_configured' });
    const shape = inspectWebhookUrl(`${sms.apiUrl}/2010-04-01/Accounts/${encodeURIComponent(sms.accountSid)}/Messages.json`, this.allow);
    if (!shape.ok) return Promise.resolve({ kind: 'retry', detail: `ESSRF: ${shape.reason}` });
    const form = Buffer.from(
      new URLSearchParams({ To: message.to, From: sms.from, Body: message.body, StatusCallback: message.statusCallback }).toString(),
    );
    const client = shape.url.protocol === 'https:' ? https : http;
    return new Promise((resolve) => {
      let settled = false;
      let written = false;
      const finish = (outcome: SmsOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      };
      // Before the whole request was written the provider cannot have acted on it; after, silence means "maybe".
      const failed = (detail: string) => finish(written ? { kind: 'unknown', detail } : { kind: 'retry', detail });
      const request = client.request(shape.url, {
        method: 'POST',
        agent: false,
        lookup: guardedLookup(this.allow),
        auth: `${sms.accountSid}:${sms.authToken}`,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': form.length,
          accept: 'application/json',
          'user-agent': 'Cairn-SMS/1',
        },
      });
      const timer = setTimeout(() => {
        failed('timeout');
        request.destroy();
      }, timeoutMs);
      request.on('finish', () => (written = true));
      request.on('error', (error) => failed(error.message || String(error)));
      request.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text = (text + chunk).slice(0, MAX_BODY)));
        res.on('error', (error) => failed(error.message));
        res.on('end', () => finish(outcomeOf(res.statusCode ?? 0, text)));
      });
      request.end(form);
    });
  }
}

/** Twilio answers 201 with the message resource, errors with { code, message, status }. */
export function outcomeOf(httpStatus: number, text: string): SmsOutcome {
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON: judged by the status alone
  }
  if (httpStatus >= 200 && httpStatus < 300) {
    const sid = typeof json.sid === 'string' && /^[A-Za-z0-9]{2,64}$/.test(json.sid) ? json.sid : null;
    if (!sid) return { kind: 'unknown', detail: `HTTP ${httpStatus} without a message sid` };
    return { kind: 'accepted', sid, status: typeof json.status === 'string' ? json.status.slice(0, 20) : null };
  }
  const code = typeof json.code === 'number' ? json.code : null;
  // The provider's message can quote the number: only the status and its error code are kept.
  const detail = `HTTP ${httpStatus}${code ? ` (error ${code})` : ''}`;
  if (httpStatus === 429 || httpStatus >= 500) return { kind: 'retry', detail };
  return { kind: 'refused', httpStatus, code, detail };
}
