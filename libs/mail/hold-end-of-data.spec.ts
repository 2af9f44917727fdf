import { Socket } from 'node:net';
import { SmtpSink } from '../../test/utils/smtp-sink';
import { loadConfig } from '@cairn/config';
import { MailRepository, SmtpError } from './mail.repository';

describe('holding the end of data until the hand-over is recorded', () => {
  let sink: SmtpSink;
  let mail: MailRepository;
  const message = { to: 'ada@example.com', subject: 'Hi', text: 'x'.repeat(200_000), html: '<p>hi</p>', messageId: '<m1@test>' };

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    mail = new MailRepository({ ...loadConfig({}), smtpUrl: sink.url });
  });
  afterAll(async () => {
    mail.onModuleDestroy();
    await sink.close();
  });

  it.each([
    ['small', 'short body'],
    ['large', 'x'.repeat(200_000)],
  ])('runs the hook once the server reads a %s message, before it can accept it', async (_size, text) => {
    const before = { dataStarted: sink.dataStarted, accepted: sink.mails.length };
    const seen: Array<{ dataStarted: number; accepted: number }> = [];
    const hook = async () =>
      void seen.push({ dataStarted: sink.dataStarted - before.dataStarted, accepted: sink.mails.length - before.accepted });
    await mail.send({ ...message, text, beforeHandover: hook });
    expect(seen).toEqual([{ dataStarted: 1, accepted: 0 }]);
    expect(sink.mails.length - before.accepted).toBe(1);
    expect(sink.mails.at(-1)!.text.trim()).toBe(text);
  });

  it('never lets the server accept the message when the hook fails', async () => {
    const before = sink.mails.length;
    await expect(
      mail.send({ ...message, messageId: '<m2@test>', beforeHandover: async () => Promise.reject(new Error('db down')) }),
    ).rejects.toThrow();
    await mail.send({ ...message, messageId: '<m3@test>' });
    expect(sink.mails.slice(before).map((m) => m.messageId)).toEqual(['<m3@test>']);
  });

  it('does not call the hook when the recipient is refused, and reports the command', async () => {
    sink.unknownRecipients.add('ghost@example.com');
    const hook = jest.fn(async () => undefined);
    const error = await mail.send({ ...message, to: 'ghost@example.com', beforeHandover: hook }).catch((e: SmtpError) => e);
    expect(error).toBeInstanceOf(SmtpError);
    expect(error).toMatchObject({ responseCode: 550, permanent: true, command: 'RCPT TO' });
    expect(hook).not.toHaveBeenCalled();
  });

  it("writes the end of data in the same call as the hook's commit, before any queued tick or promise work", async () => {
    const order: string[] = [];
    const originalWrite = Socket.prototype.write;
    const write = jest.spyOn(Socket.prototype, 'write').mockImplementation(function (this: Socket, ...args: unknown[]) {
      if (String(args[0]).endsWith('.\r\n')) order.push('end of data');
      return (originalWrite as (...a: unknown[]) => boolean).apply(this, args);
    });
    try {
      const hook = async () => () => {
        order.push('commit');
        // What other sends in flight would run here: promise continuations and I/O callbacks.
        void Promise.resolve().then(() => order.push('promise work'));
        setImmediate(() => order.push('I/O turn'));
        // Other sends' stream steps are ticks: the mark goes out before any of them, within the commit's own call.
        process.nextTick(() => order.push('queued tick'));
      };
      await mail.send({ ...message, messageId: '<m4@test>', text: 'short body', beforeHandover: hook });
    } finally {
      write.mockRestore();
    }
    expect(order.slice(0, 3)).toEqual(['commit', 'end of data', 'queued tick']);
  });
});
