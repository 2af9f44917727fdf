import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { sha256Hex } from '../common/crypto.util';
import { RedisService } from '../redis/redis.module';

const WINDOW_SECONDS = 15 * 60;
// Only failures count: a whole office behind one address signing in on Monday morning is not an attack.
export const MAX_FAILURES_PER_IP = 50;
export const MAX_FAILURES_PER_EMAIL = 10;

/** Slows password guessing: failed logins per client address and per email, counted in Redis for 15 minutes. */
@Injectable()
export class LoginThrottle {
  constructor(private readonly redis: RedisService) {}

  async check(ip: string, email: string): Promise<void> {
    const [byIp, byEmail] = await this.redis.client.mget(this.ipKey(ip), this.emailKey(email));
    if (Number(byIp ?? 0) >= MAX_FAILURES_PER_IP || Number(byEmail ?? 0) >= MAX_FAILURES_PER_EMAIL) {
      throw new HttpException('Too many failed logins; try again in 15 minutes', HttpStatus.TOO_MANY_REQUESTS);
    }
  }

  async failed(ip: string, email: string): Promise<void> {
    const multi = this.redis.client.multi();
    for (const key of [this.ipKey(ip), this.emailKey(email)]) multi.incr(key).expire(key, WINDOW_SECONDS, 'NX');
    await multi.exec();
  }

  async succeeded(email: string): Promise<void> {
    await this.redis.client.del(this.emailKey(email));
  }

  private ipKey(ip: string): string {
    return this.redis.key('login', 'ip', ip);
  }

  // Hashed: no email address (PII) in Redis keys.
  private emailKey(email: string): string {
    return this.redis.key('login', 'email', sha256Hex(email));
  }
}
