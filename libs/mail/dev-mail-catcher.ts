import { AddressInfo } from 'node:net';
import { AppConfig } from '@cairn/config';
import { createRedis, redisKeyPrefix } from '@cairn/redis';
import { DevMailStore } from './dev-mail-catcher.store';
import { KEEP_HALF_OPEN, keepMessagesOfVanishedClients } from './smtp-vanished-client';

export interface DevMailCatcher {
  /** smtp://127.0.0.1:<port>, what CAIRN_DEV_SMTP_URL is set to. */
  url: string;
  close: () => Promise<void>;
}

const MAX_MESSAGE_BYTES = 5 * 1024 * 1024;

/**
 * The development mail catcher: an SMTP server on 127.0.0.1 that accepts
 * every message and keeps it in `store` instead of delivering it, so a fresh
 * install can send surveys without any mail setup. Sets CAIRN_DEV_SMTP_URL,
 * which MailRepository uses when SMTP_URL is not set.
 */
export async function startDevMailCatcher(store: Pick<DevMailStore, 'add'>, port = 0): Promise<DevMailCatcher> {
  // Imported here, not with the module: only an instance without SMTP_URL runs the catcher, and smtp-server is
  // code every process would otherwise compile at start.
  const { SMTPServer } = await import('smtp-server');
  const server = new SMTPServer({
    authOptional: true,
    // A worker killed right after handing a message over still delivers it here, as to any MTA.
    ...KEEP_HALF_OPEN,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    closeTimeout: 1000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', () => undefined);
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((recipient) => recipient.address).join(', ');
        store.add(Buffer.concat(chunks), to).then(
          () => callback(),
          (error: Error) => callback(Object.assign(new Error(`4.3.0 catcher storage failed: ${error.message}`), { responseCode: 451 })),
        );
      });
    },
  });
  keepMessagesOfVanishedClients(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  // Connection-level errors (a sender that went away) must not take the catcher, and `npm start`, down.
  server.on('error', () => undefined);
  const url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  process.env.CAIRN_DEV_SMTP_URL = url;
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** For `npm start`: the catcher when SMTP_URL is unset, nothing otherwise. */
export async function startDevMailCatcherUnlessSmtp(config: AppConfig): Promise<DevMailCatcher | null> {
  if (config.smtpUrl) return null;
  const catcher = await startDevMailCatcher(new DevMailStore(createRedis(config, true), `${redisKeyPrefix(config)}:dev-mail`));
  process.stdout.write(`SMTP_URL is not set: survey emails are caught, not delivered; read them at ${config.publicBaseUrl}/dev/mail\n`);
  return catcher;
}
