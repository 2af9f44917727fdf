import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { RedisService } from '@cairn/redis';

// Opens are kept an hour after an email's last one: a click's check (its window after it) runs well within that,
// and a check that finds nothing (not even the click's own page) drops the click rather than trusting it.
const KEEP_MS = 3_600_000;

/**
 * Which score links of one survey email were opened when, in Redis (a sorted
 * set per invitation, by instant). This records no answer; it is what tells a
 * person, who opens one score, from a mail scanner, which opens them all.
 * Keyed by invitation, never by address: scanners fetch from many.
 */
@Injectable()
export class LinkOpenRepository {
  constructor(private readonly redis: RedisService) {}

  async opened(invitationId: string, score: number, at: Date): Promise<void> {
    const key = this.key(invitationId);
    // Unique members: the same score opened twice is two opens.
    const member = `${score}:${at.getTime()}:${randomBytes(4).toString('hex')}`;
    await this.redis.run((client) =>
      client
        .multi()
        .zadd(key, at.getTime(), member)
        .zremrangebyscore(key, '-inf', at.getTime() - KEEP_MS)
        .pexpire(key, KEEP_MS)
        .exec(),
    );
  }

  /** The distinct scores whose links were opened from `from` to `to`. */
  async scoresOpened(invitationId: string, from: Date, to: Date): Promise<Set<number>> {
    const members = await this.redis.run((client) => client.zrangebyscore(this.key(invitationId), from.getTime(), to.getTime()));
    return new Set(members.map((member) => Number(member.split(':')[0])));
  }

  private key(invitationId: string): string {
    return this.redis.key('link-opens', invitationId);
  }
}
