import type { Type } from '@nestjs/common';
import { randomBytes } from 'node:crypto';

/** What a factory needs: a provider of the module under test (a ServiceTest, or an app wrapped the same way). */
export interface FactoryContext {
  get<T>(type: Type<T>): T;
}

/** A short random suffix, so slugs, keys and emails of one test never collide with another's. */
export function unique(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}
