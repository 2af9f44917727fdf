import { BadRequestException } from '@nestjs/common';
import { isAcceptedInstant } from '@cairn/common';

/** Position after the last row of a page: newest first, ties broken by id, so inserts never shift later pages. */
export interface ResponseCursor {
  createdAt: Date;
  id: string;
}

const ID = /^[\w-]{1,64}$/;

export function encodeCursor(cursor: ResponseCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString('base64url');
}

export function decodeCursor(value: string): ResponseCursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    const createdAt = new Date(at as string);
    // A forged cursor may hold any date JavaScript can parse and any text;
    // PostgreSQL can compare with neither a date of year −271821 nor a NUL.
    if (typeof at === 'string' && typeof id === 'string' && ID.test(id) && isAcceptedInstant(createdAt)) {
      return { createdAt, id };
    }
  } catch {
    // falls through to the 400 below
  }
  throw new BadRequestException('cursor is not valid; pass nextCursor from a previous page');
}
