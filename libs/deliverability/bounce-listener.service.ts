import { createHash } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { invitationOfMessageId, isBounceMailbox, parseVerp } from '@cairn/mail';
import { BounceService } from './bounce.service';
import { parseDeliveryReport } from './delivery-report.parser';

const MAX_REPORT_BYTES = 2 * 1024 * 1024;

const refusal = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

/**
 * The inbound SMTP listener of BOUNCE_SMTP_PORT (worker only, off when unset): accepts mail only for the VERP
 * address space, reads delivery reports and complaints, and hands them to BounceService. Anything it cannot tie
 * to an invitation is accepted and dropped, so the answer tells a prober nothing.
 */
@Injectable()
export class BounceListenerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(BounceListenerService.name);
  private server: SMTPServer | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly bounces: BounceService,
  ) {}

  /** The port it listens on (BOUNCE_SMTP_PORT, or the one picked for 0); null when off. */
  get port(): number | null {
    return this.server ? (this.server.server.address() as AddressInfo).port : null;
  }

  async onApplicationBootstrap(): Promise<void> {
    const { bounceSmtpPort, bounceSmtpHost, bounceAddress } = this.config.deliverability;
    if (bounceSmtpPort === null || !bounceAddress) return;
    // smtp-server and mailparser (~1 MB of code with theirs) load only where the inbox is on: the API and a worker
    // without BOUNCE_SMTP_PORT import this file through the lib but never receive a report.
    const { SMTPServer } = await import('smtp-server');
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      size: MAX_REPORT_BYTES,
      closeTimeout: 1_000,
      onRcptTo: (address, _session, callback) =>
        parseVerp(bounceAddress, address.address) || isBounceMailbox(bounceAddress, address.address)
          ? callback()
          : callback(refusal(550, '5.1.1 No such mailbox here')),
      onData: (stream, session, callback) => void this.receive(stream, session).then(() => callback(), callback),
    });
    const server = this.server;
    server.on('error', (error) => this.logger.warn(`bounce listener: ${error.message}`));
    const bound = await new Promise<boolean>((resolve, reject) => {
      const failed = (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolve(false) : reject(error));
      server.server.once('error', failed);
      server.listen(bounceSmtpPort, bounceSmtpHost, () => (server.server.off('error', failed), resolve(true)));
    });
    if (!bound) {
      // Several workers on one host: the first one reads the reports, the others run jobs as usual.
      this.server = null;
      this.logger.warn(`BOUNCE_SMTP_PORT ${bounceSmtpPort} is taken by another process: this worker does not read delivery reports`);
      return;
    }
    this.logger.log(`reading delivery reports on port ${this.port}`);
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      // Read to the end (the client waits for its answer) but keep nothing past the limit.
      if (size <= MAX_REPORT_BYTES) chunks.push(chunk as Buffer);
    }
    if (stream.sizeExceeded || size > MAX_REPORT_BYTES) throw refusal(552, '5.3.4 Report too large');
    const raw = Buffer.concat(chunks);
    const { simpleParser } = await import('mailparser');
    const parsed = await simpleParser(raw, { keepDeliveryStatus: true });
    const report = parseDeliveryReport(parsed);
    if (!report) return;
    // The same report delivered twice (an MTA retrying after a lost answer) carries the same Message-ID.
    const reportId = parsed.messageId ?? createHash('sha256').update(raw).digest('hex');
    for (const rcpt of session.envelope.rcptTo) {
      // Sent to the invitation's VERP address, or to the bare address naming the email by its quoted Message-ID.
      const invitationId =
        parseVerp(this.config.deliverability.bounceAddress, rcpt.address) ?? invitationOfMessageId(report.originalMessageId);
      if (!invitationId) continue;
      try {
        await this.bounces.forInvitation(invitationId, { ...report, source: 'smtp', reportId: `${invitationId}:${reportId}` });
      } catch (error) {
        // The sending MTA keeps the report and tries again later.
        this.logger.error(`bounce for invitation ${invitationId} not recorded: ${(error as Error).message}`);
        throw refusal(451, '4.3.0 Try again later');
      }
    }
  }

  async onModuleDestroy(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
