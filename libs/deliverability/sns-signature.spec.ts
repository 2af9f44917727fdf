import { createSign, generateKeyPairSync } from 'node:crypto';
import { snsStringToSign, SnsMessage, verifySnsSignature } from './sns-signature';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();

function signed(version: '1' | '2', extra: Partial<SnsMessage> = {}): SnsMessage {
  const message: SnsMessage = {
    Type: 'Notification',
    MessageId: 'm-1',
    TopicArn: 'arn:aws:sns:eu-west-1:1:t',
    Message: '{"notificationType":"Bounce"}',
    Timestamp: '2026-12-03T00:00:00.000Z',
    SignatureVersion: version,
    Signature: '',
    SigningCertURL: 'https://sns.eu-west-1.amazonaws.com/x.pem',
    ...extra,
  };
  message.Signature = createSign(version === '2' ? 'RSA-SHA256' : 'RSA-SHA1')
    .update(snsStringToSign(message))
    .sign(privateKey, 'base64');
  return message;
}

describe('SNS signatures', () => {
  it('builds the canonical string of a notification (Subject only when present) and of a subscription', () => {
    expect(snsStringToSign(signed('2'))).toBe(
      'Message\n{"notificationType":"Bounce"}\nMessageId\nm-1\nTimestamp\n2026-12-03T00:00:00.000Z\nTopicArn\narn:aws:sns:eu-west-1:1:t\nType\nNotification\n',
    );
    expect(snsStringToSign(signed('2', { Subject: 'S' }))).toContain('MessageId\nm-1\nSubject\nS\nTimestamp');
    const subscription = signed('2', { Type: 'SubscriptionConfirmation', SubscribeURL: 'https://u', Token: 'tok' });
    expect(snsStringToSign(subscription)).toContain('SubscribeURL\nhttps://u\nTimestamp\n2026-12-03T00:00:00.000Z\nToken\ntok\nTopicArn');
  });

  it('verifies versions 1 (SHA1) and 2 (SHA256) and refuses a changed message or an unknown version', () => {
    expect(verifySnsSignature(signed('1'), publicPem)).toBe(true);
    expect(verifySnsSignature(signed('2'), publicPem)).toBe(true);
    expect(verifySnsSignature({ ...signed('2'), Message: '{"notificationType":"Complaint"}' }, publicPem)).toBe(false);
    expect(verifySnsSignature({ ...signed('2'), SignatureVersion: '3' }, publicPem)).toBe(false);
    expect(verifySnsSignature(signed('2'), 'not a key')).toBe(false);
  });
});
