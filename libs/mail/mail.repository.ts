import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import nodemailer, { SendMailOptions, Transporter } from 'nodemailer';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { scrubSecrets } from '@cairn/common';
import { dkimSigningPlugin } from './dkim-signing';
import { BeforeHandover, holdEndOfDataPlugin } from './hold-end-of-data';
import type { TransferEncoding, TransferEncodings } from './transfer-encoding';

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** The parts' encodings if already known (transferEncodingsOf); nodemailer chooses them itself otherwise. */
  transferEncodings?: TransferEncodings;
  /** `prepared` values go out as written (nodemailer would encode a long List-Id as a MIME word). */
  headers?: Record<string, string | { prepared: true; value: string }>;
  /** The SMTP envelope sender (MAIL FROM): the VERP address reports come back to; default the From address. */
  envelopeFrom?: string | null;
  /** Set by the caller so a retried send can be recognised at the receiver. */
  messageId?: string;
  /** Awaited before the end-of-data mark is written: the server cannot have accepted the message earlier. */
  beforeHandover?: BeforeHandover;
}

export class SmtpError extends Error {
  constructor(
    message: string,
    readonly responseCode: number | null,
    readonly permanent: boolean,
    /** The SMTP command that failed ('RCPT TO', 'DATA', 'MAIL FROM', 'AUTH'…): only recipient failures are bounces. */
    readonly command: string | null = null,
  ) {
    super(message);
  }
}

/** SMTP behind one class. Pooled; the pool never resends on its own (maxRequeues 0): retries are the job's. */
@Injectable()
export class MailRepository implements OnModuleDestroy {
  private transport: Transporter | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The SMTP URL in use: SMTP_URL, or the development catcher's address once it runs. */
  private smtpUrl(): string {
    const url = this.config.smtpUrl ?? process.env.CAIRN_DEV_SMTP_URL;
    if (!url) throw new SmtpError('no SMTP server configured (SMTP_URL)', null, false);
    return url;
  }

  private getTransport(): Transporter {
    if (this.transport) return this.transport;
    this.transport = nodemailer.createTransport({
      url: this.smtpUrl(),
      pool: true,
      maxConnections: this.config.smtpPoolSize,
      maxRequeues: 0,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as never);
    // Signed first, then held: the signature is computed before the hand-over is recorded.
    const dkim = this.config.deliverability.dkim;
    if (dkim) this.transport.use('stream', dkimSigningPlugin(dkim) as never);
    this.transport.use('stream', holdEndOfDataPlugin as never);
    return this.transport;
  }

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    try {
      const info = await this.getTransport().sendMail(nodemailerMessage(this.config.mailFrom, mail));
      return { messageId: info.messageId };
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode ?? null;
      const command = (error as { command?: string }).command ?? null;
      // Servers quote the recipient ("550 5.1.1 <bob@x.test>: user unknown"); this text goes on to logs,
      // BullMQ's failure records and error columns, so the address is removed here, once for every caller.
      const message = scrubSecrets((error as Error).message);
      throw new SmtpError(message, code, code !== null && code >= 500 && code < 600, command);
    }
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}

/** An email as nodemailer's sendMail takes it. */
export function nodemailerMessage(from: string, { envelopeFrom, transferEncodings, html, text, ...mail }: OutgoingMail): SendMailOptions {
  return {
    from,
    ...mail,
    html: withEncoding(html, transferEncodings?.html),
    text: withEncoding(text, transferEncodings?.text),
    envelope: envelopeFrom ? { from: envelopeFrom, to: mail.to } : undefined,
  };
}

/** A part as nodemailer takes it: with its encoding, so nodemailer does not scan it for one, or as it is. */
function withEncoding(
  content: string,
  encoding: TransferEncoding | undefined,
): string | { content: string; contentTransferEncoding: TransferEncoding } {
  return encoding && content ? { content, contentTransferEncoding: encoding } : content;
}
