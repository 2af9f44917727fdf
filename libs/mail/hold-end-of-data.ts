import { Readable, Transform, TransformCallback, Writable } from 'node:stream';
import { crashPoint } from '@cairn/config';

/**
 * Runs once the whole message but its end-of-data mark is on its way to the server. It may resolve with a
 * `commit`: a synchronous step run right before the mark is written, in the same turn of the event loop, so that
 * nothing else the process has queued (another send's promise continuations, I/O) runs in between.
 */
export type BeforeHandover = () => Promise<(() => void) | void>;

/**
 * A server accepts a message only when it reads the end-of-data mark
 * ("\r\n.\r\n"); a message cut off before it is discarded. This stream is the
 * last stage of nodemailer's message stream: it lets everything through and
 * ends only after `beforeHandover` resolved, so the caller can durably record
 * "handed over" in the short gap where the outcome is still certain. If the
 * hook fails, the stream errors and the mark is never written.
 */
class HoldEndOfData extends Transform {
  constructor(private readonly beforeHandover: BeforeHandover) {
    super();
  }

  private readonly chunks: Buffer[] = [];
  /** The next stage (nodemailer's dot-stuffing stream, piped into the socket), ended by hand right after the commit. */
  private destination: Writable | null = null;

  override pipe<T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T {
    if (options?.end !== false) this.destination = destination as unknown as Writable;
    return super.pipe(destination, options);
  }

  /**
   * The message is kept until its end and then passed on as one chunk: passed on as built (a few hundred small
   * chunks), each became its own socket write, waking the server for every one; on a busy machine those writes
   * and wake-ups were the largest CPU cost of a send (the worker's profile, bench/distribution-bench).
   */
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.chunks.push(chunk);
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.push(Buffer.concat(this.chunks));
    this.chunks.length = 0;
    // Nodemailer reads the message only after the server said 354 to DATA; until
    // then it sits in buffers, so wait until it has actually been read.
    let released = false;
    // The commit and the end of data go out in one tick: from inside a promise continuation, the stream's end
    // (a nextTick) would wait behind every promise continuation queued by the other sends in flight, and a
    // process killed meanwhile leaves an email recorded as handed over that the server never accepted.
    const release = () =>
      this.beforeHandover().then(
        (commit) =>
          process.nextTick(() => {
            try {
              commit?.();
            } catch (error) {
              return callback(error as Error);
            }
            crashPoint('before-end-of-data');
            // Ending the next stage here writes the mark to the socket within this call, before any other queued
            // tick runs (ending this stream would reach it only through a tick or two, queued behind the other
            // sends' ticks): measured, commit-to-mark took 25-35 µs, and up to 2 ms, instead of a few µs.
            this.destination?.end();
            callback();
          }),
        (error: Error) => callback(error),
      );
    const check = (): void => {
      if (this.destroyed || released) return;
      if (this.readableFlowing !== true) return void this.once('resume', check);
      if (this.readableLength > 0) return void setImmediate(check);
      released = true;
      void release();
    };
    check();
  }
}

interface StreamPluginMail {
  data: { beforeHandover?: unknown };
  message: { processFunc: (fn: (input: Readable) => Readable) => void };
}

/** nodemailer 'stream' plugin: holds the end of every message that carries a beforeHandover hook. */
export function holdEndOfDataPlugin(mail: StreamPluginMail, done: (error?: Error | null) => void): void {
  const hook = mail.data.beforeHandover;
  if (typeof hook === 'function') {
    mail.message.processFunc((input) => {
      const hold = new HoldEndOfData(hook as BeforeHandover);
      input.on('error', (error) => hold.destroy(error));
      return input.pipe(hold);
    });
  }
  done();
}
