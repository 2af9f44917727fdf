import { connect } from 'node:net';
import { SmtpSink } from './smtp-sink';
import { waitFor } from './wait-for';

/**
 * Writes one message over a raw connection and closes it without waiting for the answer to the data, as a
 * client killed right then does. Dot-escaped lines (".." at a line start, as any HTML body has now and then)
 * make smtp-server parse the message over several turns of its event loop.
 */
function sendAndVanish(sink: SmtpSink, withEndOfData: boolean): Promise<void> {
  const { port } = new URL(sink.url);
  const body = Array.from({ length: 2000 }, (_, i) => `..a line that starts with a dot ${i}`).join('\r\n');
  const steps = ['EHLO client\r\n', 'MAIL FROM:<a@example.com>\r\n', 'RCPT TO:<b@example.com>\r\n', 'DATA\r\n'];
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let pending = '';
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      const lines = (pending + chunk.toString()).split('\r\n');
      pending = lines.pop()!;
      // One step per final answer line ("250 ok", not the "250-" lines before it).
      for (let answers = lines.filter((line) => /^\d{3} /.test(line)).length; answers > 0; answers--) {
        const next = steps.shift();
        if (next) {
          socket.write(next);
          continue;
        }
        socket.write(`Message-ID: <vanish@test>\r\nSubject: gone\r\n\r\n${body}\r\n${withEndOfData ? '.\r\n' : ''}`);
        socket.destroy();
        resolve();
      }
    });
  });
}

describe('SmtpSink: a client that vanishes mid-session', () => {
  let sink: SmtpSink;
  beforeEach(async () => {
    sink = await new SmtpSink().start();
  });
  afterEach(() => sink.close());

  it('keeps a message whose end-of-data mark it received, as an MTA does', async () => {
    await sendAndVanish(sink, true);
    await waitFor(() => sink.mails.length === 1, 15_000, 'the message to be kept');
    expect(sink.mails[0].messageId).toBe('<vanish@test>');
    expect(sink.cutOff).toBe(0);
  });

  it('keeps nothing of a message cut off before the mark', async () => {
    await sendAndVanish(sink, false);
    await waitFor(() => sink.cutOff === 1, 15_000, 'the transfer to be counted as cut off');
    expect(sink.mails).toHaveLength(0);
    expect(sink.dataStarted).toBe(1);
  });
});
