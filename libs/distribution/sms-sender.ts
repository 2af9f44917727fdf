import type { JobRun } from '@cairn/jobs';

/**
 * The send job hands an SMS survey's invitation to this (libs/sms registers
 * it with InvitationSendService.useSmsSender in the processes that import
 * SmsModule): distribution knows nothing of the provider, and the send job
 * stays one job for every channel.
 */
export interface SmsSender {
  send(invitationId: string, run?: JobRun): Promise<string>;
}
