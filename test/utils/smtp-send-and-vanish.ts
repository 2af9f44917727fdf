import { connect } from 'node:net';

/**
 * Writes one message to the SMTP server at `url` over a raw connection and closes it without waiting for the
 * answer to the data, as a client killed right then does. Dot-escaped lines (".." at a line start, as any HTML
 * body has now and then) make smtp-server parse the message over several turns of its event loop.
 */
export function sendAndVanish(url: string, withEndOfData: boolean): Promise<void> {
  const { port } = new URL(url);
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
