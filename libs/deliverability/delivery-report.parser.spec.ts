import { simpleParser } from 'mailparser';
import { parseDeliveryReport } from './delivery-report.parser';

const ORIGINAL = 'Message-ID: <inv-1@cairn.test>\nTo: bob@example.net\nSubject: A quick question\n\nbody';

function multipart(reportType: string, partType: string, part: string): string {
  return [
    'From: MAILER-DAEMON@mx.example.net',
    'Subject: Undelivered Mail Returned to Sender',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=${reportType}; boundary="b1"`,
    '',
    '--b1',
    'Content-Type: text/plain',
    '',
    'See the report.',
    '--b1',
    `Content-Type: ${partType}`,
    '',
    part,
    '--b1',
    'Content-Type: message/rfc822',
    '',
    ORIGINAL,
    '--b1--',
    '',
  ].join('\r\n');
}

const dsn = (action: string, status: string) =>
  multipart(
    'delivery-status',
    'message/delivery-status',
    `Reporting-MTA: dns; mx\n\nFinal-Recipient: rfc822; Bob@Example.net\nAction: ${action}\nStatus: ${status}\n`,
  );

async function read(raw: string) {
  return parseDeliveryReport(await simpleParser(raw, { keepDeliveryStatus: true }));
}

describe('parseDeliveryReport', () => {
  it('reads an RFC 3464 permanent failure as a hard bounce of the quoted message', async () => {
    expect(await read(dsn('failed', '5.1.1'))).toEqual({
      kind: 'hard',
      recipient: 'bob@example.net',
      status: '5.1.1',
      originalMessageId: '<inv-1@cairn.test>',
    });
  });

  it('reads a failed 4.x.x as a soft bounce and ignores a delay or a delivery notice', async () => {
    expect(await read(dsn('failed', '4.2.2'))).toMatchObject({ kind: 'soft', status: '4.2.2' });
    expect(await read(dsn('delayed', '4.4.1'))).toBeNull();
    expect(await read(dsn('delivered', '2.0.0'))).toBeNull();
  });

  it('reads an RFC 5965 abuse report as a complaint', async () => {
    const arf = multipart(
      'feedback-report',
      'message/feedback-report',
      'Feedback-Type: abuse\nUser-Agent: FBL/1.0\nVersion: 1\nOriginal-Rcpt-To: bob@example.net\n',
    );
    expect(await read(arf)).toEqual({
      kind: 'complaint',
      recipient: 'bob@example.net',
      status: 'abuse',
      originalMessageId: '<inv-1@cairn.test>',
    });
  });

  it('reads a non-standard bounce only when it quotes the original headers', async () => {
    const text = (quote: string) =>
      `From: postmaster@old.example\r\nSubject: failure notice\r\n\r\nSorry. <bob@example.net>: 550 5.1.1 no mailbox here\r\n\r\n--- Below this line is a copy of the message.\r\n\r\n${quote}\r\n`;
    expect(await read(text(ORIGINAL))).toEqual({
      kind: 'hard',
      recipient: 'bob@example.net',
      status: '5.1.1',
      originalMessageId: '<inv-1@cairn.test>',
    });
    expect(await read(text('Subject: something'))).toBeNull();
  });

  it('does not read an IP address in a non-standard bounce as its status code', async () => {
    const raw =
      'From: MAILER-DAEMON@mx.example.net\r\nSubject: failure notice\r\n\r\n<bob@example.net>:\r\nConnected to 10.4.5.6 but sender was rejected.\r\n' +
      `Remote host said: 550 5.1.1 no mailbox here.\r\n\r\n--- Below this line is a copy of the message.\r\n\r\n${ORIGINAL}\r\n`;
    expect(await read(raw)).toMatchObject({ kind: 'hard', status: '5.1.1' });
    expect(await read(raw.replace('550 5.1.1', '452 4.2.2'))).toMatchObject({ kind: 'soft', status: '4.2.2' });
    expect(await read(raw.replace('550 5.1.1', '550'))).toMatchObject({ kind: 'hard', status: null });
  });

  it('leaves an ordinary email alone', async () => {
    expect(await read('From: a@example.net\r\nSubject: Hello\r\n\r\nMessage-ID: <inv-1@cairn.test> 550')).toBeNull();
  });
});
