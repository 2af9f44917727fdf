import { SCRUBBED, scrubError, scrubSecrets } from './scrub';

const TOKEN = 'kP3x_9Qm-ZtY2bVw8LrN4sHdJfGa7EcU';

describe('scrubSecrets', () => {
  it('removes the addresses SMTP servers quote in their replies', () => {
    expect(scrubSecrets("Can't send mail - all recipients were rejected: 550 5.1.1 <Bob.Smith+cx@Mail.Example.com>: user unknown")).toBe(
      `Can't send mail - all recipients were rejected: 550 5.1.1 <${SCRUBBED}>: user unknown`,
    );
    expect(scrubSecrets('451 4.2.0 a@b.test busy, c@d.test too')).toBe(`451 4.2.0 ${SCRUBBED} busy, ${SCRUBBED} too`);
  });

  it('removes the token of every public link, in a path or a full URL', () => {
    expect(scrubSecrets(`/r/${TOKEN}?score=3`)).toBe(`/r/${SCRUBBED}?score=3`);
    expect(scrubSecrets(`POST /u/${TOKEN}`)).toBe(`POST /u/${SCRUBBED}`);
    expect(scrubSecrets(`see https://cx.shop.test/s/Ab12Cd and /r/${TOKEN}/`)).toBe(
      `see https://cx.shop.test/s/${SCRUBBED} and /r/${SCRUBBED}/`,
    );
    expect(scrubSecrets(`Route GET:/r/${TOKEN} not found`)).toBe(`Route GET:/r/${SCRUBBED} not found`);
  });

  it('removes addresses in paths and query strings, also percent-encoded, and keeps the rest of the URL', () => {
    expect(scrubSecrets('/compat/delighted/v1/people/bob%2Bcx%40x.test/survey_requests/pending')).toBe(
      `/compat/delighted/v1/people/${SCRUBBED}/survey_requests/pending`,
    );
    expect(scrubSecrets('/api/v1/people?email=bob@x.test&limit=5')).toBe(`/api/v1/people?email=${SCRUBBED}&limit=5`);
    expect(scrubSecrets(`/hooks?unsubscribe=${TOKEN}&token=abc&plan=pro`)).toBe(
      `/hooks?unsubscribe=${SCRUBBED}&token=${SCRUBBED}&plan=pro`,
    );
  });

  it('leaves ordinary paths and text alone', () => {
    for (const text of [
      '/api/v1/journeys/0190-ab',
      '/assets/js/app.js',
      '/t/checkout?kiosk=1',
      'job send-invitation 42 failed',
      '/users/me',
      '/docs-json',
    ]) {
      expect(scrubSecrets(text)).toBe(text);
    }
  });
});

describe('scrubError', () => {
  it('scrubs message and stack in place, keeping the class and other fields', () => {
    class SmtpLike extends Error {
      constructor(
        message: string,
        readonly responseCode: number,
      ) {
        super(message);
      }
    }
    const error = new SmtpLike('550 <bob@x.test> unknown', 550);
    expect(scrubError(error)).toBe(error);
    expect(error).toBeInstanceOf(SmtpLike);
    expect(error.responseCode).toBe(550);
    expect(error.message).toBe(`550 <${SCRUBBED}> unknown`);
    expect(error.stack).not.toContain('bob@x.test');
    expect(scrubError('thrown text a@b.test')).toBe(`thrown text ${SCRUBBED}`);
    expect(scrubError(42)).toBe(42);
  });
});
