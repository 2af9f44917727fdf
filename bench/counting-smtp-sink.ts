// An SMTP server for the benchmarks: accepts every message and counts it (smtp-server, as the tests use).
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** Counts accepted messages and remembers when the first and the last arrived. */
export class CountingSink {
  readonly ids = new Set<string>();
  count = 0;
  first = 0;
  last = 0;
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 100,
    onData: (stream, _session, callback) => {
      let head = '';
      stream.on('data', (chunk: Buffer) => void (head.length < 4096 && (head += chunk.toString('latin1'))));
      stream.on('end', () => {
        const id = /^message-id:\s*(\S+)/im.exec(head)?.[1];
        if (id) this.ids.add(id);
        this.count++;
        this.last = performance.now();
        if (this.count === 1) this.first = this.last;
        callback();
      });
    },
  });

  async start(): Promise<string> {
    // A client that dies mid-session resets its connection: expected here, not a failure of the server.
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  reset(): void {
    this.ids.clear();
    this.count = this.first = this.last = 0;
  }

  async until(n: number): Promise<number> {
    while (this.count < n) await new Promise((resolve) => setTimeout(resolve, 20));
    return (n - 1) / ((this.last - this.first) / 1000);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
