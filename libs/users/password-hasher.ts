import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/** argon2id behind one small class; the only place that knows the hashing library. */
@Injectable()
export class PasswordHasher {
  // Verified against when no user matches, so a login for an unknown email costs as long as a known one.
  private dummyHash: Promise<string> | null = null;

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
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
