import { PermanentJobError } from '@cairn/jobs';
import { NoticeSender, NotificationsModule } from '@cairn/notifications';
import { createServiceTest, ServiceTest } from '../utils/service-test';
import { SmtpSink } from '../utils/smtp-sink';

describe('NoticeSender (service tier)', () => {
  let t: ServiceTest;
  let sink: SmtpSink;
  let n = 0;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    t = await createServiceTest([NotificationsModule], { smtpUrl: sink.url });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  const notice = () => {
    const id = `notice-${++n}-${Date.now()}`;
    return { to: `cx-${n}@example.com`, subject: 'New detractor case', html: '<p>hi</p>', text: 'hi', messageId: `<${id}@cairn>` };
  };
  const delivered = (messageId: string) => sink.mails.filter((mail) => mail.messageId === messageId).length;

  it('sends a notice once: a job run again after its send finds it recorded', async () => {
    const message = notice();
    expect(await t.get(NoticeSender).send(message)).toBe('sent');
    expect(await t.get(NoticeSender).send(message)).toBe('already-sent');
    expect(delivered(message.messageId)).toBe(1);
  });

  it('sends one email when two runs of one notice race', async () => {
    const message = notice();
    const outcomes = await Promise.all([t.get(NoticeSender).send(message), t.get(NoticeSender).send(message)]);
    expect(outcomes.sort()).toEqual(['already-sent', 'sent']);
    expect(delivered(message.messageId)).toBe(1);
  });

  it('a refusal after the end of data is not a send: the retry sends it', async () => {
    const message = notice();
    sink.failingWith = { code: 451, message: '4.3.0 try again later' };
    try {
      await expect(t.get(NoticeSender).send(message)).rejects.toThrow(/451|try again/);
    } finally {
      sink.failingWith = null;
    }
    expect(delivered(message.messageId)).toBe(0);
    expect(await t.get(NoticeSender).send(message)).toBe('sent');
    expect(delivered(message.messageId)).toBe(1);
  });

  it('a permanent refusal fails the job for good', async () => {
    const message = notice();
    sink.failingWith = { code: 554, message: '5.7.1 rejected' };
    try {
      await expect(t.get(NoticeSender).send(message)).rejects.toBeInstanceOf(PermanentJobError);
    } finally {
      sink.failingWith = null;
    }
    expect(delivered(message.messageId)).toBe(0);
  });
});
