import { SmtpError } from '@cairn/mail';
import type { MailRepository, OutgoingMail } from '@cairn/mail';
import { sendHandingOver } from './send-handing-over';

const message: OutgoingMail = { to: 'a@example.test', subject: 's', html: '<p>h</p>', text: 't' };

/** A mail repository that starts the hand-over like nodemailer does (and runs its commit), then settles the send when told to. */
function mailThat(outcome: 'fails' | 'delivers', settle: Promise<void>) {
  return {
    send: async (mail: OutgoingMail) => {
      const hook = mail.beforeHandover!();
      await settle;
      if (outcome === 'fails') {
        hook.catch(() => undefined);
        throw new SmtpError('connection closed', null, false);
      }
      (await hook)?.();
      return { messageId: '<m@x>' };
    },
  } as unknown as MailRepository;
}

describe('sendHandingOver', () => {
  it('signals a hand-over still being prepared that its send failed, and leaves it unrecorded', async () => {
    let settle!: () => void;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    let seen: AbortSignal | null = null;
    let resume!: () => void;
    const slowDatabase = new Promise<void>((resolve) => (resume = resolve));
    const record = async (abandoned: AbortSignal) => {
      seen = abandoned;
      await slowDatabase;
      if (abandoned.aborted) throw new Error('abandoned');
      return () => undefined;
    };
    const state = { handedOver: false };
    const sending = sendHandingOver(mailThat('fails', settled), message, record, state);
    settle();
    await expect(sending).rejects.toBeInstanceOf(SmtpError);
    expect(seen!.aborted).toBe(true);
    resume();
    await new Promise((resolve) => setImmediate(resolve));
    expect(state.handedOver).toBe(false);
  });

  it('commits the hand-over of a send that goes on, and says so', async () => {
    let committed = 0;
    const record = async (abandoned: AbortSignal) => {
      expect(abandoned.aborted).toBe(false);
      return () => void committed++;
    };
    const state = { handedOver: false };
    await sendHandingOver(mailThat('delivers', Promise.resolve()), message, record, state);
    expect(committed).toBe(1);
    expect(state.handedOver).toBe(true);
  });
});
