import { BadRequestException } from '@nestjs/common';

/** Position after the last row of a page: newest first, ties broken by id, so inserts never shift later pages. */
export interface ResponseCursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor(cursor: ResponseCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString('base64url');
}

export function decodeCursor(value: string): ResponseCursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    const createdAt = new Date(at as string);
    if (typeof at === 'string' && typeof id === 'string' && id.length <= 64 && !Number.isNaN(createdAt.getTime())) {
      return { createdAt, id };
    }
  } catch {
    // falls through to the 400 below
  }
  throw new BadRequestException('cursor is not valid; pass nextCursor from a previous page');
}
