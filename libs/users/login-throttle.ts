import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { RedisService } from '@cairn/redis';
import { KNOWN_ADDRESS_SECONDS, LOGIN_LIMITS, loginKeys } from './login-throttle.policy';

// One atomic step per attempt: count it first, then compare, so N parallel
// requests see N different counts. Answers the ms to wait, 0 = go ahead.
// The per-email cap is only counted once the per-address checks passed, and a
// refused attempt gives its count back there: one address hammering a blocked
// account cannot push the account over its global cap.
const ATTEMPT_SCRIPT = `
local function hit(key, window)
  local n = redis.call('INCR', key)
  if n == 1 then redis.call('PEXPIRE', key, window) end
  return n
end
local function wait(key)
  local ttl = redis.call('PTTL', key)
  if ttl < 1 then return 1000 end
  return ttl
end
local byAddress = hit(KEYS[1], ARGV[2])
local byPair = hit(KEYS[2], ARGV[4])
local over = 0
if byAddress > tonumber(ARGV[1]) then over = wait(KEYS[1]) end
if byPair > tonumber(ARGV[3]) then over = math.max(over, wait(KEYS[2])) end
if over > 0 then return over end
local byEmail = hit(KEYS[3], ARGV[6])
if byEmail > tonumber(ARGV[5]) and redis.call('SISMEMBER', KEYS[4], ARGV[7]) == 0 then
  redis.call('DECR', KEYS[3])
  return wait(KEYS[3])
end
return 0`;

// A success gives back its own count (never below zero, keeping the window),
// clears the pair's failures and remembers the address for this account.
const SUCCESS_SCRIPT = `
for i = 1, 2 do
  local n = tonumber(redis.call('GET', KEYS[i]) or '0')
  if n > 0 then redis.call('DECR', KEYS[i]) end
end
redis.call('DEL', KEYS[3])
redis.call('SADD', KEYS[4], ARGV[1])
redis.call('EXPIRE', KEYS[4], ARGV[2])
return 1`;

/** 429 with the seconds to wait, which the controller sends as Retry-After. */
export class LoginThrottledException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(`Too many failed logins; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`, HttpStatus.TOO_MANY_REQUESTS);
  }
}

type Script = (...args: (string | number)[]) => Promise<number>;

/** Slows password guessing without letting a guesser lock the real user out (limits: login-throttle.policy.ts). */
@Injectable()
export class LoginThrottle {
  /** The limits in force; tests lower them to reach a cap in a few requests. */
  limits: typeof LOGIN_LIMITS = LOGIN_LIMITS;

  constructor(private readonly redis: RedisService) {
    redis.client.defineCommand('cairnLoginAttempt', { numberOfKeys: 4, lua: ATTEMPT_SCRIPT });
    redis.client.defineCommand('cairnLoginSuccess', { numberOfKeys: 4, lua: SUCCESS_SCRIPT });
  }

  /** Counts this attempt; throws 429 when this address may not try this account now, 503 when Redis is down. */
  async attempt(ip: string, email: string): Promise<void> {
    const keys = loginKeys(ip, email);
    const { perAddress, perAddressAndEmail, perEmail } = this.limits;
    const waitMs = await this.redis.run((client) =>
      (client as unknown as { cairnLoginAttempt: Script }).cairnLoginAttempt(
        ...this.keys(keys),
        perAddress.limit,
        perAddress.windowSeconds * 1000,
        perAddressAndEmail.limit,
        perAddressAndEmail.windowSeconds * 1000,
        perEmail.limit,
        perEmail.windowSeconds * 1000,
        keys.addressId,
      ),
    );
    if (waitMs > 0) throw new LoginThrottledException(Math.ceil(waitMs / 1000));
  }

  /** The password was right: this attempt does not count, the pair starts afresh, the address becomes known. */
  async succeeded(ip: string, email: string): Promise<void> {
    const keys = loginKeys(ip, email);
    const [address, pair, byEmail, known] = this.keys(keys);
    await this.redis.run((client) =>
      (client as unknown as { cairnLoginSuccess: Script }).cairnLoginSuccess(
        address,
        byEmail,
        pair,
        known,
        keys.addressId,
        KNOWN_ADDRESS_SECONDS,
      ),
    );
  }

  private keys(keys: ReturnType<typeof loginKeys>): [string, string, string, string] {
    return [
      this.redis.key(...keys.address),
      this.redis.key(...keys.addressAndEmail),
      this.redis.key(...keys.email),
      this.redis.key(...keys.known),
    ];
  }
}
