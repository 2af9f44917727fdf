import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { redisCall } from '@cairn/redis';

const KEEP = 200;
const TTL_SECONDS = 7 * 86_400;

export interface CaughtMailSummary {
  id: string;
  receivedAt: string;
  from: string;
  to: string;
  subject: string;
}

export interface CaughtMailDetail extends CaughtMailSummary {
  messageId: string | null;
  html: string | null;
  text: string;
  headers: Record<string, string>;
}

interface Stored {
  id: string;
  receivedAt: string;
  to: string;
  raw: string;
}

/**
 * The development catcher's mailbox, kept in Redis because the catcher runs in
 * `npm start`'s process while the API that lists the mails is another one.
 * Newest first, the last 200, gone after a week.
 */
export class DevMailStore {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
  ) {}

  async add(raw: Buffer, to: string): Promise<string> {
    const stored: Stored = { id: randomUUID(), receivedAt: new Date().toISOString(), to, raw: raw.toString('base64') };
    await this.redis
      .multi()
      .lpush(this.key, JSON.stringify(stored))
      .ltrim(this.key, 0, KEEP - 1)
      .expire(this.key, TTL_SECONDS)
      .exec();
    return stored.id;
  }

  async list(): Promise<CaughtMailSummary[]> {
    const all = await this.all();
    return Promise.all(all.map(async (stored) => summary(stored, await parse(stored))));
  }

  async get(id: string): Promise<CaughtMailDetail | null> {
    const stored = (await this.all()).find((item) => item.id === id);
    if (!stored) return null;
    const parsed = await parse(stored);
    const headers: Record<string, string> = {};
    for (const line of parsed.headerLines) headers[line.key] = line.line.slice(line.key.length + 1).trim();
    return {
      ...summary(stored, parsed),
      messageId: parsed.messageId ?? null,
      html: typeof parsed.html === 'string' ? parsed.html : null,
      text: parsed.text ?? '',
      headers,
    };
  }

  private async all(): Promise<Stored[]> {
    // Read on a request: while Redis is down this is a 503, not a 500 or a hang.
    const items = await redisCall(() => this.redis.lrange(this.key, 0, KEEP - 1));
    return items.map((item) => JSON.parse(item) as Stored);
  }
}

/** mailparser (with libmime, iconv-lite, htmlparser2: ~0.7 MB of code) is loaded when a message is first read. */
async function parse(stored: Stored) {
  const { simpleParser } = await import('mailparser');
  return simpleParser(Buffer.from(stored.raw, 'base64'));
}

function summary(stored: Stored, parsed: Awaited<ReturnType<typeof parse>>): CaughtMailSummary {
  return { id: stored.id, receivedAt: stored.receivedAt, from: parsed.from?.text ?? '', to: stored.to, subject: parsed.subject ?? '' };
}
