import { crashPoint } from '@cairn/config';
import type { MailRepository, OutgoingMail } from '@cairn/mail';

/** Whether the hand-over was recorded: read by the caller when the send fails, to tell "unconfirmed" from "retry". */
export interface HandoverState {
  handedOver: boolean;
}

/**
 * Sends a message whose hand-over to SMTP is recorded by `record` in the gap
 * before its end-of-data mark (see HandoverRepository). When the send fails
 * while the record is still being prepared (the database was slow, and the
 * SMTP session timed out meanwhile), the prepared record is abandoned: its
 * end of data will never reach the server, so "handed over" must not be
 * committed. The abort is the first reaction to the failure, attached at once.
 */
export async function sendHandingOver(
  mail: MailRepository,
  message: OutgoingMail,
  record: (abandoned: AbortSignal) => Promise<() => void>,
  state: HandoverState,
): Promise<void> {
  const abandon = new AbortController();
  const sending = mail.send({
    ...message,
    beforeHandover: async () => {
      const commit = await record(abandon.signal);
      // Run by the mail stream right before the end of data, in the same tick (BeforeHandover).
      return () => {
        crashPoint('before-handover-commit');
        commit();
        crashPoint('after-handover-commit');
        state.handedOver = true;
      };
    },
  });
  sending.catch(() => abandon.abort());
  await sending;
}
