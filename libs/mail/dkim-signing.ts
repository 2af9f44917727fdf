import type { Readable } from 'node:stream';
import DKIM from 'nodemailer/lib/dkim';
import type { DeliverabilityConfig } from '@cairn/config';

interface StreamPluginMail {
  message: { processFunc: (fn: (input: Readable) => Readable) => void };
}

type StreamPlugin = (mail: StreamPluginMail, done: (error?: Error | null) => void) => void;

/**
 * nodemailer 'stream' plugin signing every message (relaxed/relaxed, rsa-sha256). It is registered before the
 * end-of-data hold (hold-end-of-data.ts): nodemailer's own `dkim` option would sign after it, buffering the
 * whole message past the moment the hand-over is recorded.
 */
export function dkimSigningPlugin(dkim: NonNullable<DeliverabilityConfig['dkim']>): StreamPlugin {
  const signer = new DKIM({ domainName: dkim.domain, keySelector: dkim.selector, privateKey: dkim.privateKey });
  return (mail, done) => {
    mail.message.processFunc((input) => signer.sign(input));
    done();
  };
}
