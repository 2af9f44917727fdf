import { BadRequestException } from '@nestjs/common';
import { decodeCursor, encodeCursor } from './response-cursor';

describe('response cursor', () => {
  it('round-trips a position', () => {
    const at = { createdAt: new Date('2026-03-04T05:06:07.089Z'), id: '0199aa00-0000-7000-8000-000000000001' };
    expect(decodeCursor(encodeCursor(at))).toEqual(at);
  });

  it.each([
    '',
    'not base64 json',
    Buffer.from('["x"]').toString('base64url'),
    Buffer.from('[1,2]').toString('base64url'),
    Buffer.from('{"a":1}').toString('base64url'),
    // Dates JavaScript parses but PostgreSQL cannot hold, and an id PostgreSQL cannot compare with.
    Buffer.from('["-271821-04-20T00:00:00.000Z","0199aa00-0000-7000-8000-000000000001"]').toString('base64url'),
    Buffer.from('["+275760-09-13T00:00:00.000Z","0199aa00-0000-7000-8000-000000000001"]').toString('base64url'),
    Buffer.from('["2026-03-04T05:06:07.089Z","a\\u0000b"]').toString('base64url'),
  ])('rejects %p with a 400', (value) => {
    expect(() => decodeCursor(value)).toThrow(BadRequestException);
  });
});
