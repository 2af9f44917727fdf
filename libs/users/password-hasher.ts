import { Inject, Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import type { AppConfig } from '@cairn/config';
import { APP_CONFIG } from '@cairn/config';

/** argon2id behind one small class; the only place that knows the hashing library. */
@Injectable()
export class PasswordHasher {
  // Verified against when no user matches, so a login for an unknown email costs as long as a known one.
  private dummyHash: Promise<string> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'argon2MemoryKiB'>) {}

  // Verifying reads the cost from the stored hash, so hashes made at another cost keep working.
  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id, memoryCost: this.config.argon2MemoryKiB });
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    const target = hash ?? (await (this.dummyHash ??= this.hash('cairn-dummy-password')));
    try {
      return (await argon2.verify(target, password)) && hash !== null;
    } catch {
      return false;
    }
  }
}
