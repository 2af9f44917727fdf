import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { AllowList, guardedLookup, parseAllowList } from '@cairn/webhooks';
import { isSnsCertUrl } from './sns-signature';

const MAX_CERT_BYTES = 64 * 1024;
const TIMEOUT_MS = 5_000;

/**
 * Fetches SNS signing certificates: only from sns.<region>.amazonaws.com over https (or an origin SNS_CERT_ORIGINS
 * allows, for tests), through the webhooks' SSRF guard, small and quick, and kept once fetched.
 */
@Injectable()
export class SnsCertificateFetcher {
  private readonly cache = new Map<string, Promise<string>>();
  private readonly allow: AllowList;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.allow = parseAllowList(config.webhookAllowPrivate ?? undefined);
  }

  async certificate(url: string): Promise<string> {
    if (!isSnsCertUrl(url, this.config.deliverability.snsCertOrigins)) throw new Error('SigningCertURL is not an SNS certificate URL');
    let pending = this.cache.get(url);
    if (!pending) {
      pending = this.fetch(url);
      this.cache.set(url, pending);
      pending.catch(() => this.cache.delete(url));
    }
    return pending;
  }

  /** Visits a SubscriptionConfirmation's SubscribeURL: only on an SNS host (or an allowed test origin). */
  async confirm(url: string): Promise<void> {
    const parsed = URL.canParse(url) ? new URL(url) : null;
    const test = parsed && this.config.deliverability.snsCertOrigins.includes(parsed.origin);
    const sns = parsed?.protocol === 'https:' && /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(parsed.hostname) && !parsed.port;
    if (!parsed || !(test || sns) || parsed.searchParams.get('Action') !== 'ConfirmSubscription')
      throw new Error('SubscribeURL is not an SNS URL');
    await this.fetch(url, () => true);
  }

  private fetch(url: string, accept: (body: string) => boolean = (pem) => pem.includes('-----BEGIN CERTIFICATE-----')): Promise<string> {
    const get = url.startsWith('https:') ? httpsGet : httpGet;
    return new Promise((resolve, reject) => {
      const request = get(url, { lookup: guardedLookup(this.allow), timeout: TIMEOUT_MS, agent: false }, (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          return reject(new Error(`certificate answered ${response.statusCode}`));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_CERT_BYTES) return request.destroy(new Error('certificate too large'));
          chunks.push(chunk);
        });
        response.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          if (accept(body)) resolve(body);
          else reject(new Error('not a PEM certificate'));
        });
      });
      request.on('timeout', () => request.destroy(new Error('certificate fetch timed out')));
      request.on('error', reject);
    });
  }
}
