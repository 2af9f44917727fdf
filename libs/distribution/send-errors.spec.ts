import { SmtpError } from '@cairn/mail';
import { classifySendError } from './send-errors';
import { uuid7 } from '@cairn/common';

describe('send errors', () => {
  it('bounces only permanent refusals of the recipient or the message', () => {
    expect(classifySendError(new SmtpError('550 no such user', 550, true, 'RCPT TO'), false)).toBe('bounce');
    expect(classifySendError(new SmtpError('554 rejected', 554, true, 'DATA'), true)).toBe('bounce');
    expect(classifySendError(new SmtpError('530 auth required', 530, true, 'MAIL FROM'), false)).toBe('retry');
    expect(classifySendError(new SmtpError('535 bad login', 535, true, 'AUTH'), false)).toBe('retry');
  });

  it('never resends once handed over, unless the server answered', () => {
    expect(classifySendError(new SmtpError('connection closed', null, false, 'DATA'), true)).toBe('unconfirmed');
    expect(classifySendError(new Error('socket hang up'), true)).toBe('unconfirmed');
    expect(classifySendError(new SmtpError('451 try later', 451, false, 'DATA'), true)).toBe('retry');
    expect(classifySendError(new SmtpError('connection refused', null, false, 'CONN'), false)).toBe('retry');
  });

  it('makes time-ordered v7 uuids', () => {
    const a = uuid7(1_700_000_000_000);
    const b = uuid7(1_700_000_000_001);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
    expect(a.slice(0, 13)).toBe('018bcfe5-6800');
  });
});
