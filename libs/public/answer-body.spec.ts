import { BadRequestException } from '@nestjs/common';
import { parseAnswerBody } from './answer-body';
import { originAllowed } from './cors';

describe('parseAnswerBody', () => {
  it('reads JSON numbers and form strings alike', () => {
    expect(parseAnswerBody({ score: 7 })).toEqual({ score: 7, comment: undefined });
    expect(parseAnswerBody({ score: '10', comment: '  fine  ', submit: 'Send' })).toEqual({ score: 10, comment: 'fine' });
  });

  it('tells an empty comment (remove it) from a missing one (keep it)', () => {
    expect(parseAnswerBody({ score: 3, comment: '   ' }).comment).toBeNull();
    expect(parseAnswerBody({ score: 3 }).comment).toBeUndefined();
  });

  it.each([
    [{}],
    [{ score: '' }],
    [{ score: 'seven' }],
    [{ score: 7.5 }],
    [{ score: '1e1' }],
    [{ score: 3, comment: 5 }],
    [{ score: 3, comment: 'x'.repeat(2001) }],
    [null],
    ['score=3'],
  ])('rejects %p with a 400', (body) => {
    expect(() => parseAnswerBody(body)).toThrow(BadRequestException);
  });
});

describe('originAllowed', () => {
  it('matches exact origins, case and trailing slash aside, and * for any', () => {
    expect(originAllowed(['https://Shop.example.com/'], 'https://shop.example.com')).toBe(true);
    expect(originAllowed(['https://shop.example.com'], 'https://shop.example.com:8443')).toBe(false);
    expect(originAllowed(['https://shop.example.com'], 'http://shop.example.com')).toBe(false);
    expect(originAllowed([], 'https://shop.example.com')).toBe(false);
    expect(originAllowed(['*'], 'https://anything.example')).toBe(true);
  });
});
