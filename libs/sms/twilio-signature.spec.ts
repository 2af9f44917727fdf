import { isValidTwilioSignature, twilioSignature } from './twilio-signature';

describe('X-Twilio-Signature', () => {
  // The worked example of Twilio's security documentation.
  const token = '12345';
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params = { CallSid: 'CA1234567890ABCDE', Caller: '+14158675310', Digits: '1234', From: '+14158675310', To: '+18005551212' };

  it('matches the documented example', () => {
    expect(twilioSignature(token, url, params)).toBe('GvWf1cFY/Q7PnoempGyD5oXAezc=');
  });

  it('refuses a wrong, missing or differently keyed signature', () => {
    const good = twilioSignature(token, url, params);
    expect(isValidTwilioSignature(token, url, params, good)).toBe(true);
    expect(isValidTwilioSignature(token, url, { ...params, Digits: '1235' }, good)).toBe(false);
    expect(isValidTwilioSignature(token, 'https://mycompany.com/other', params, good)).toBe(false);
    expect(isValidTwilioSignature('54321', url, params, good)).toBe(false);
    expect(isValidTwilioSignature(token, url, params, undefined)).toBe(false);
    expect(isValidTwilioSignature(null, url, params, good)).toBe(false);
  });
});
