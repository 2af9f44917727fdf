import { fromPostmarkEvent, fromSesNotification } from './provider-event.mapper';
import { isSnsCertUrl } from './sns-signature';

describe('providers’ events', () => {
  it('maps SES bounces by bounce type, one report per recipient, with the original Message-ID', () => {
    const mail = { headers: [{ name: 'Message-ID', value: '<inv@cairn.test>' }] };
    const bounce = (bounceType: string) => ({
      notificationType: 'Bounce',
      bounce: { bounceType, bouncedRecipients: [{ emailAddress: 'a@x.example', status: '5.1.1' }, { emailAddress: 'b@x.example' }] },
      mail,
    });
    expect(fromSesNotification(bounce('Permanent'), 'sns-1')).toEqual([
      { kind: 'hard', recipient: 'a@x.example', status: '5.1.1', originalMessageId: '<inv@cairn.test>', reportId: 'sns-1:a@x.example' },
      { kind: 'hard', recipient: 'b@x.example', status: null, originalMessageId: '<inv@cairn.test>', reportId: 'sns-1:b@x.example' },
    ]);
    expect(fromSesNotification(bounce('Transient'), 'sns-2').map((r) => r.kind)).toEqual(['soft', 'soft']);
    const complaint = {
      notificationType: 'Complaint',
      complaint: { complainedRecipients: [{ emailAddress: 'a@x.example' }], complaintFeedbackType: 'abuse' },
      mail,
    };
    expect(fromSesNotification(complaint, 'sns-3')).toEqual([expect.objectContaining({ kind: 'complaint', status: 'abuse' })]);
    expect(fromSesNotification({ notificationType: 'Delivery', mail }, 'sns-4')).toEqual([]);
  });

  it('maps Postmark bounce types and spam complaints; delays and auto-replies are no bounce', () => {
    expect(fromPostmarkEvent({ RecordType: 'Bounce', Type: 'HardBounce', ID: 42, Email: 'a@x.example' })).toEqual({
      kind: 'hard',
      recipient: 'a@x.example',
      status: 'HardBounce',
      originalMessageId: null,
      reportId: 'Bounce:42',
    });
    expect(fromPostmarkEvent({ RecordType: 'Bounce', Type: 'SoftBounce', ID: 43, Email: 'a@x.example' })?.kind).toBe('soft');
    expect(fromPostmarkEvent({ RecordType: 'SpamComplaint', Type: 'SpamComplaint', ID: 44, Email: 'a@x.example' })?.kind).toBe('complaint');
    expect(fromPostmarkEvent({ RecordType: 'Bounce', Type: 'Transient', ID: 45, Email: 'a@x.example' })).toBeNull();
    expect(fromPostmarkEvent({ RecordType: 'Bounce', Type: 'AutoResponder', ID: 46, Email: 'a@x.example' })).toBeNull();
    expect(fromPostmarkEvent({ RecordType: 'Delivery', ID: 47, Email: 'a@x.example' })).toBeNull();
  });

  it('believes SNS signing certificates only from https://sns.<region>.amazonaws.com', () => {
    expect(isSnsCertUrl('https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc.pem')).toBe(true);
    expect(isSnsCertUrl('https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-abc.pem')).toBe(true);
    for (const url of [
      'http://sns.eu-west-1.amazonaws.com/x.pem',
      'https://sns.eu-west-1.amazonaws.com.evil.example/x.pem',
      'https://evil.example/sns.eu-west-1.amazonaws.com/x.pem',
      'https://sns.eu-west-1.amazonaws.com:8443/x.pem',
      'https://user@sns.eu-west-1.amazonaws.com/x.pem',
      'https://sns.eu-west-1.amazonaws.com/x.txt',
      'not a url',
    ]) {
      expect([url, isSnsCertUrl(url)]).toEqual([url, false]);
    }
    expect(isSnsCertUrl('http://127.0.0.1:4000/cert.pem', ['http://127.0.0.1:4000'])).toBe(true);
  });
});
