import { ForbiddenException, HttpException, Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '@cairn/common';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { phoneHash, toE164 } from '@cairn/people';
import { ResponseRecorderService } from '@cairn/responses';
import { SmsHookRepository } from './sms-hook.repository';
import { SmsInvitationRepository } from './sms-invitation.repository';
import { parseSmsReply } from './sms-reply';
import { isValidTwilioSignature } from './twilio-signature';

export type HookParams = Record<string, string>;
export type HookOutcome = 'status' | 'stopped' | 'answered' | 'commented' | 'ignored';

/**
 * POST /hooks/sms: replies and delivery callbacks in Twilio's form fields,
 * accepted only with a valid X-Twilio-Signature over the public URL. Nothing
 * unsigned changes anything.
 */
@Injectable()
export class SmsHookService {
  private readonly logger = new Logger(SmsHookService.name);

  constructor(
    private readonly hooks: SmsHookRepository,
    private readonly invitations: SmsInvitationRepository,
    private readonly recorder: ResponseRecorderService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `pathAndQuery` as requested (e.g. /hooks/sms?invitation=…): Twilio signs PUBLIC_BASE_URL + it, never our Host header. */
  async handle(pathAndQuery: string, params: HookParams, signature: unknown): Promise<HookOutcome> {
    const url = `${this.config.publicBaseUrl}${pathAndQuery}`;
    if (!isValidTwilioSignature(this.config.sms?.authToken ?? null, url, params, signature)) {
      throw new ForbiddenException('invalid X-Twilio-Signature');
    }
    if (typeof params.Body === 'string' && params.From) return this.reply(params.From, params.Body);
    const status = (params.MessageStatus ?? params.SmsStatus ?? '').toLowerCase();
    const sid = params.MessageSid ?? params.SmsSid;
    if (!status || !sid || !/^[a-z_]{2,20}$/.test(status) || !/^[A-Za-z0-9]{2,64}$/.test(sid)) return 'ignored';
    const invitationId = new URL(url).searchParams.get('invitation');
    const matched = await this.hooks.recordStatus(invitationId, sid, status, params.ErrorCode?.slice(0, 10) ?? null);
    return matched ? 'status' : 'ignored';
  }

  private async reply(from: string, body: string): Promise<HookOutcome> {
    const phone = toE164(from);
    if (!phone) return 'ignored';
    const reply = parseSmsReply(body);
    if (reply.kind === 'stop') {
      for (const workspaceId of await this.hooks.workspacesOf(phone)) {
        await this.invitations.suppress(workspaceId, phoneHash(phone), 'stop_reply');
      }
      return 'stopped';
    }
    const invitation = await this.hooks.latestFor(phone, this.clock.now());
    if (!invitation) return 'ignored';
    try {
      if (invitation.score === null && invitation.status === 'sent') {
        if (reply.kind !== 'answer') return 'ignored';
        await this.recorder.answerByTokenHash(invitation.tokenHash, { score: reply.score, comment: reply.comment ?? undefined });
        return 'answered';
      }
      if (invitation.score === null) return 'ignored';
      // Answered: a later text, whatever it says, is the answer's comment (added to one already there).
      const text = reply.kind === 'text' ? reply.text : body.replace(/\s+/g, ' ').trim();
      const comment = invitation.comment ? `${invitation.comment}\n${text}` : text;
      await this.recorder.answerByTokenHash(invitation.tokenHash, { score: invitation.score, comment: comment.slice(0, 2000) });
      return 'commented';
    } catch (error) {
      // An out-of-range number, an answer locked after its edit window: the reply changes nothing.
      if (error instanceof HttpException) return 'ignored';
      throw error;
    }
  }
}
