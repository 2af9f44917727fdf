import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { KEEP_HALF_OPEN, keepMessagesOfVanishedClients } from '@cairn/mail';

export interface CaughtMail {
  messageId: string | undefined;
  to: string;
  subject: string | undefined;
  html: string;
  text: string;
  headers: ParsedMail['headers'];
  /** Header values as sent (unfolded), by lower-case name. */
  rawHeaders: Record<string, string>;
  parsed: ParsedMail;
  /** The message as received (for DKIM verification and spam scoring), and the envelope sender (MAIL FROM). */
  raw: Buffer;
  mailFrom: string;
}

/** The Message-ID in a message's header section, read from as much of it as arrived. */
function messageIdOf(partial: Buffer): string | undefined {
  const end = partial.indexOf('\r\n\r\n');
  const header = partial.toString('latin1', 0, end === -1 ? partial.length : end);
  return /^message-id:\s*(<[^>\r\n]+>)/im.exec(header)?.[1];
}

export interface Answer {
  code: number;
  message: string;
}

/**
 * A real SMTP server for tests. It keeps only messages it accepted in full
 * (a client that disconnects before the end-of-data mark delivers nothing,
 * as with any MTA; one that disconnects right after it delivers it, as with
 * any MTA, see keepMessagesOfVanishedClients) and can answer 4xx/5xx to the next
 * messages on demand.
 */
export class SmtpSink {
  readonly mails: CaughtMail[] = [];
  private readonly answers: Answer[] = [];
  private readonly server: SMTPServer;
  /** Called synchronously for every accepted mail, before the 250 answer. */
  onAccepted: ((mail: CaughtMail) => void) | null = null;
  rejected = 0;
  /** DATA transfers begun (the server said 354), accepted or not. */
  dataStarted = 0;
  /**
   * DATA transfers the client broke off before the end-of-data mark (its connection closed), nothing kept: the
   * Message-ID header of each, or undefined when it broke off before sending it.
   */
  readonly cutOffMessageIds: (string | undefined)[] = [];
  /** Recipients answered with 550 at RCPT TO. */
  readonly unknownRecipients = new Set<string>();
  /** While set, every message is answered with this (e.g. 421/451: a server in trouble) instead of 250. */
  failingWith: Answer | null = null;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      ...KEEP_HALF_OPEN,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 200,
      onRcptTo: (address, _session, callback) => {
        if (!this.unknownRecipients.has(address.address)) return callback();
        // Worded as Postfix does: real servers quote the refused address back.
        callback(Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown`), { responseCode: 550 }));
      },
      onData: (stream, session, callback) => {
        this.dataStarted++;
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', () => this.cutOffMessageIds.push(messageIdOf(Buffer.concat(chunks))));
        stream.on('end', () => {
          const answer = this.answers.shift() ?? this.failingWith;
          if (answer) {
            this.rejected++;
            return callback(Object.assign(new Error(answer.message), { responseCode: answer.code }));
          }
          const raw = Buffer.concat(chunks);
          simpleParser(raw).then(
            (parsed) => {
              const mail: CaughtMail = {
                messageId: parsed.messageId,
                to: session.envelope.rcptTo.map((r) => r.address).join(','),
                subject: parsed.subject,
                html: typeof parsed.html === 'string' ? parsed.html : '',
                text: parsed.text ?? '',
                headers: parsed.headers,
                rawHeaders: Object.fromEntries(
                  parsed.headerLines.map((line) => [
                    line.key,
                    line.line
                      .slice(line.key.length + 1)
                      .replace(/\r?\n\s+/g, ' ')
                      .trim(),
                  ]),
                ),
                parsed,
                raw,
                mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              };
              this.mails.push(mail);
              this.onAccepted?.(mail);
              callback();
            },
            (error: Error) => callback(error),
          );
        });
      },
    });
  }

  async start(): Promise<this> {
    // A client that dies mid-session resets its connection: expected here, not a failure of the server.
    this.server.on('error', () => undefined);
    keepMessagesOfVanishedClients(this.server);
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  /** How many DATA transfers were cut off. */
  get cutOff(): number {
    return this.cutOffMessageIds.length;
  }

  /** The next `times` messages are answered with this code instead of 250. */
  failNext(code: number, message: string, times = 1): void {
    for (let i = 0; i < times; i++) this.answers.push({ code, message });
  }

  to(address: string): CaughtMail[] {
    return this.mails.filter((mail) => mail.to === address);
  }

  /** Message-ID → how many times it arrived. */
  countByMessageId(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const mail of this.mails) counts.set(mail.messageId ?? '', (counts.get(mail.messageId ?? '') ?? 0) + 1);
    return counts;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
