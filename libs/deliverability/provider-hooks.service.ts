import { timingSafeEqual } from 'node:crypto';
import { BadRequestException, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { sha256Hex } from '@cairn/common';
import { invitationOfMessageId } from '@cairn/mail';
import { BounceService } from './bounce.service';
import { fromPostmarkEvent, fromSesNotification, ProviderReport } from './provider-event.mapper';
import { ProviderHookRepository } from './provider-hook.repository';
import { isSnsMessage, verifySnsSignature } from './sns-signature';
import { SnsCertificateFetcher } from './sns-certificate.fetcher';

/**
 * Providers' event webhooks (Amazon SES through SNS, Postmark), mapped to the same bounce and complaint handling
 * as reports read by SMTP. Both authenticate with HTTP basic auth: the workspace id and its hook password.
 */
@Injectable()
export class ProviderHooksService {
  private readonly logger = new Logger(ProviderHooksService.name);

  constructor(
    private readonly hooks: ProviderHookRepository,
    private readonly bounces: BounceService,
    private readonly certificates: SnsCertificateFetcher,
  ) {}

  /** The workspace whose credentials the request carries; 401 otherwise. */
  async authenticate(authorization: string | undefined): Promise<string> {
    const decoded = /^Basic ([A-Za-z0-9+/=]+)$/.exec(authorization ?? '')?.[1];
    const [workspaceId, password] = decoded ? Buffer.from(decoded, 'base64').toString('utf8').split(/:(.*)/s) : [];
    const stored = workspaceId && password ? await this.hooks.secretHash(workspaceId).catch(() => null) : null;
    const given = Buffer.from(sha256Hex(password ?? ''), 'hex');
    if (!stored || !timingSafeEqual(Buffer.from(stored, 'hex'), given)) throw new UnauthorizedException('Invalid hook credentials');
    return workspaceId;
  }

  /** An SNS message: verified against AWS's certificate first; a subscription is confirmed, a notification read. */
  async ses(workspaceId: string, body: unknown): Promise<{ recorded: number }> {
    const message: unknown = typeof body === 'string' ? safeJson(body) : body;
    if (!isSnsMessage(message)) throw new UnauthorizedException('Not a signed SNS message');
    const certificate = await this.certificates.certificate(message.SigningCertURL).catch((error: Error) => {
      this.logger.warn(`SNS certificate refused: ${error.message}`);
      return null;
    });
    if (!certificate || !verifySnsSignature(message, certificate)) throw new UnauthorizedException('SNS signature does not verify');
    if (message.Type === 'SubscriptionConfirmation' && message.SubscribeURL) {
      await this.certificates.confirm(message.SubscribeURL).catch((error: Error) => {
        throw new BadRequestException(`Subscription not confirmed: ${error.message}`);
      });
      return { recorded: 0 };
    }
    if (message.Type !== 'Notification') return { recorded: 0 };
    const notification = safeJson(message.Message);
    return this.record(workspaceId, 'ses', notification ? fromSesNotification(notification, message.MessageId) : []);
  }

  async postmark(workspaceId: string, body: unknown): Promise<{ recorded: number }> {
    const report = typeof body === 'object' && body ? fromPostmarkEvent(body as Record<string, unknown>) : null;
    return this.record(workspaceId, 'postmark', report ? [report] : []);
  }

  private async record(workspaceId: string, source: 'ses' | 'postmark', reports: ProviderReport[]): Promise<{ recorded: number }> {
    let recorded = 0;
    for (const report of reports) {
      const invitationId = invitationOfMessageId(report.originalMessageId);
      if ((await this.bounces.forWorkspace(workspaceId, { ...report, source, invitationId })) === 'recorded') recorded++;
    }
    return { recorded };
  }
}

function safeJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
